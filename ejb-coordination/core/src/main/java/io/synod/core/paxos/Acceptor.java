package io.synod.core.paxos;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Snapshot;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Accepted;
import io.synod.core.paxos.PaxosMessage.Heartbeat;
import io.synod.core.paxos.PaxosMessage.HeartbeatAck;
import io.synod.core.paxos.PaxosMessage.Nack;
import io.synod.core.paxos.PaxosMessage.Prepare;
import io.synod.core.paxos.PaxosMessage.Promise;
import io.synod.core.paxos.PaxosMessage.SnapshotAck;
import io.synod.core.paxos.PaxosMessage.SnapshotChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The acceptor and learner every member is, whatever its role ("Paxos Made Simple" §2.2, §2.3). Its durable
 * state is the promised ballot (hard state term, with the proposer as vote) and the accepted value per slot
 * (the log, each entry's term being the ballot it was accepted under). Both go into the Ready that also
 * carries the answer, so the answer leaves only once they are on disk.
 *
 * <p>{@code matched} is what this acceptor tells the leader of ballot {@code matchedBallot}: every slot up to
 * it holds that leader's value (or a chosen one). Only then may a commit notification make it learn a slot:
 * an older ballot's value in the same slot may differ from the chosen one.
 */
final class Acceptor {

    private final PaxosNode node;
    private long matched;
    private long matchedBallot;
    private final SnapshotTransfer.Assembler assembler = new SnapshotTransfer.Assembler();

    Acceptor(PaxosNode node) {
        this.node = node;
        this.matchedBallot = node.promised;
        this.matched = node.log.committed;
    }

    long matched() {
        return matched;
    }

    private void matchFor(long ballot) {
        if (matchedBallot != ballot) {
            matchedBallot = ballot;
            matched = node.log.committed;
        }
    }

    // ---------------------------------------------------------------- phase 1

    void onPrepare(Prepare p) {
        if (p.ballot() > node.promised && !p.transfer() && node.sticky()) {
            // Leader stickiness: while the leader we follow is alive, nobody may start phase 1 (this is what
            // makes the leader lease hold, and keeps a partitioned member from deposing a healthy leader).
            return;
        }
        if (node.knowsNoConfiguration()) {
            // A member that knows no configuration (a joiner, or a removed member wiped and restarted under
            // its id) may have forgotten promises it made: it promises nothing until a leader catches it up.
            return;
        }
        boolean duplicate = p.ballot() == node.promised && node.promisedTo.equals(Optional.of(p.from()));
        if (p.ballot() < node.promised || (p.ballot() == node.promised && !duplicate)) {
            node.send(new Nack(node.groupId, node.id, p.from(), p.ballot(), node.promised));
            return;
        }
        long snapshotIndex = node.log.snapshotIndex();
        if (p.fromSlot() <= snapshotIndex) {
            // We compacted chosen slots the proposer never learned; it cannot complete phase 1 without them.
            // No promise: answer so that it gives up and waits to be caught up by a leader.
            node.send(new Promise(node.groupId, node.id, p.from(), p.ballot(), p.fromSlot(), node.log.committed,
                    snapshotIndex, List.of()));
            return;
        }
        if (!duplicate) {
            node.promise(p.ballot(), p.from());
            node.becomeFollower(Optional.empty());
        }
        node.send(new Promise(node.groupId, node.id, p.from(), p.ballot(), p.fromSlot(), node.log.committed,
                snapshotIndex, acceptedFrom(p.fromSlot())));
    }

    /** Every value accepted at or after {@code fromSlot} (holes are nothing accepted). */
    List<LogEntry> acceptedFrom(long fromSlot) {
        long last = node.log.lastIndex();
        long from = Math.max(fromSlot, node.log.firstIndex());
        List<LogEntry> out = new ArrayList<>();
        if (from > last) {
            return out;
        }
        for (LogEntry e : node.log.entries(from, last + 1, Long.MAX_VALUE)) {
            if (!SlotLog.isHole(e)) {
                out.add(e);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- phase 2 and learning

    /** A leader's message with ballot {@code ballot}: may it be heard? Adopts a higher ballot as promised. */
    private boolean hear(NodeId from, long ballot) {
        if (ballot < node.promised) {
            node.send(new Nack(node.groupId, node.id, from, ballot, node.promised));
            return false;
        }
        node.followLeader(from, ballot);
        matchFor(ballot);
        return true;
    }

    void onAccept(Accept a) {
        boolean stale = a.ballot() < node.promised;
        if (stale && node.config.has(PaxosInjectedBug.ACCEPT_WITHOUT_PROMISE_CHECK)) {
            matchFor(a.ballot()); // the bug: no promise check, the lower ballot is accepted anyway
        } else if (!hear(a.from(), a.ballot())) {
            return;
        }
        List<LogEntry> fresh = new ArrayList<>();
        for (LogEntry e : a.entries()) {
            if (e.index() > node.log.committed) {
                fresh.add(e); // a chosen slot never changes: skip what we know chosen
            }
        }
        long first = a.firstSlot();
        long last = a.lastSlot();
        boolean nearEnough = fresh.isEmpty() || fresh.get(0).index() <= node.log.lastIndex() + node.config.window();
        if (nearEnough) {
            node.writeSlots(fresh);
            if (!a.entries().isEmpty() && first <= matched + 1) {
                matched = Math.max(matched, last);
            }
            // Slots this leader sent earlier out of order now join the matched prefix.
            while (matched + 1 <= node.log.lastIndex() && node.log.term(matched + 1) == a.ballot()) {
                matched++;
            }
        } else {
            first = 0;
            last = 0;
        }
        if (!stale) {
            node.learn(Math.min(a.commit(), matched));
        }
        node.send(new Accepted(node.groupId, node.id, a.from(), a.ballot(), matched, first, last));
    }

    void onHeartbeat(Heartbeat h) {
        if (!hear(h.from(), h.ballot())) {
            return;
        }
        node.learn(Math.min(h.commit(), matched));
        node.send(new HeartbeatAck(node.groupId, node.id, h.from(), h.ballot(), matched, h.readSeq(), h.sentAtTick()));
    }

    void onSnapshotChunk(SnapshotChunk c) {
        if (!hear(c.from(), c.ballot())) {
            return;
        }
        Optional<Snapshot> done = assembler.accept(c.metadata(), c.offset(), c.chunk(), c.last());
        long index = c.metadata().index();
        if (done.isPresent()) {
            if (index > node.log.committed) {
                node.restoreSnapshot(done.get());
            }
            matched = Math.max(matched, index);
            node.send(new SnapshotAck(node.groupId, node.id, c.from(), c.ballot(), index, c.totalBytes()));
        } else {
            node.send(new SnapshotAck(node.groupId, node.id, c.from(), c.ballot(), index,
                    assembler.received(c.metadata())));
        }
    }
}
