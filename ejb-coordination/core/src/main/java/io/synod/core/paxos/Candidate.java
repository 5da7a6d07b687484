package io.synod.core.paxos;

import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.paxos.PaxosMessage.Prepare;
import io.synod.core.paxos.PaxosMessage.Promise;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Phase 1 of a would-be leader, run once per leadership over every slot from its first unchosen one
 * ("Paxos Made Simple" §3: the leader executes phase 1 for infinitely many instances with one message).
 *
 * <p>Adoption (P2c): for each slot the value accepted under the highest ballot among the promises is
 * re-proposed; a slot nobody reported is filled with a no-op, so the log has no gaps to wait on.
 *
 * <p>Quorums: a phase-1 quorum only has to intersect every phase-2 quorum (a majority), see
 * {@link QuorumTally#isPhaseOneQuorum}. Configurations: the promises must form a phase-1 quorum of the
 * configuration that decides our first unchosen slot and, for every configuration slot among the adopted
 * values, of the configuration after it too. Values past a configuration slot can only have been chosen once it was, by its new configuration
 * (the leader is stop-the-world), so these quorums see every chosen value.
 */
final class Candidate {

    private final PaxosNode node;
    final long ballot;
    final long fromSlot;
    final boolean transfer;
    private final Map<NodeId, List<LogEntry>> promises = new LinkedHashMap<>();
    private final Set<NodeId> prepared = new HashSet<>();

    Candidate(PaxosNode node, long ballot, long fromSlot, boolean transfer) {
        this.node = node;
        this.ballot = ballot;
        this.fromSlot = fromSlot;
        this.transfer = transfer;
    }

    void start() {
        prepared.add(node.id);
        promises.put(node.id, node.acceptor.acceptedFrom(fromSlot));
        check();
    }

    void onPromise(Promise p) {
        if (p.ballot() != ballot || p.fromSlot() != fromSlot) {
            return;
        }
        if (p.snapshotIndex() >= fromSlot) {
            node.abandonCandidacy();
            return;
        }
        promises.put(p.from(), p.accepted());
        check();
    }

    private void prepare(Set<NodeId> voters) {
        for (NodeId voter : voters) {
            if (prepared.add(voter)) {
                node.send(new Prepare(node.groupId, node.id, voter, ballot, fromSlot, transfer));
            }
        }
    }

    private void check() {
        List<LogEntry> adopted = adopt();
        ConfState conf = node.configs.at(fromSlot);
        prepare(conf.voters());
        if (!QuorumTally.isPhaseOneQuorum(conf.voters(), promises.keySet())) {
            return;
        }
        for (LogEntry e : adopted) {
            if (e.type() == EntryType.CONF_CHANGE) {
                conf = ConfChangeCodec.confStateAfter(e.data());
                prepare(conf.voters());
                if (!QuorumTally.isPhaseOneQuorum(conf.voters(), promises.keySet())) {
                    return;
                }
            }
        }
        node.becomeLeader(this, adopted);
    }

    /** The values to re-propose for slots {@code fromSlot..} under our ballot. */
    List<LogEntry> adopt() {
        boolean ownOnly = node.config.has(PaxosInjectedBug.SKIP_ADOPT_HIGHEST_ACCEPTED);
        TreeMap<Long, LogEntry> highest = new TreeMap<>();
        promises.forEach((from, accepted) -> {
            if (ownOnly && !from.equals(node.id)) {
                return; // the bug: what the others reported is ignored
            }
            for (LogEntry e : accepted) {
                if (SlotLog.isHole(e) || e.index() < fromSlot) {
                    continue;
                }
                LogEntry best = highest.get(e.index());
                if (best == null || e.term() > best.term()) {
                    highest.put(e.index(), e);
                }
            }
        });
        List<LogEntry> out = new ArrayList<>();
        if (highest.isEmpty()) {
            return out;
        }
        for (long slot = fromSlot; slot <= highest.lastKey(); slot++) {
            LogEntry e = highest.get(slot);
            out.add(e == null
                    ? new LogEntry(slot, ballot, EntryType.NORMAL, new byte[0]) // gap: fill with a no-op
                    : new LogEntry(slot, ballot, e.type(), e.data()));
        }
        return out;
    }
}
