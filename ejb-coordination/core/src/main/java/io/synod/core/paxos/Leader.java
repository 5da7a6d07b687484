package io.synod.core.paxos;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.PeerProgress;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Accepted;
import io.synod.core.paxos.PaxosMessage.Heartbeat;
import io.synod.core.paxos.PaxosMessage.HeartbeatAck;
import io.synod.core.paxos.PaxosMessage.SnapshotAck;
import io.synod.core.paxos.PaxosMessage.SnapshotChunk;
import io.synod.core.paxos.PaxosMessage.TimeoutNow;
import io.synod.core.quorum.LeaderLease;
import io.synod.core.quorum.Majority;
import io.synod.core.quorum.ReadConfirmations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The distinguished proposer and learner of one ballot ("Paxos Made Simple" §3, "Paxos Made Live" §3): phase 2
 * per slot with batching and a pipelining window per acceptor, learning a slot once a majority of the
 * configuration deciding it accepted it, commit notifications, reads, leadership transfer and membership.
 *
 * <p>Reconfiguration is stop-the-world (α = 1): a configuration slot decides the slots after it, and
 * nothing past an unchosen configuration slot is sent ({@link #sendLimit()}), so every slot is decided by a
 * configuration that was already chosen. One configuration change is pending at a time.
 */
final class Leader {

    private record WaitingRead(byte[] context, ReadMode mode) {
    }

    private final PaxosNode node;
    final long ballot;
    /** Our first slot (the no-op after the adopted values): once chosen we know the whole chosen prefix. */
    private long startSlot;
    private final Map<NodeId, AcceptorProgress> peers = new TreeMap<>();
    private final Map<NodeId, SnapshotTransfer.Sender> snapshots = new HashMap<>();
    private long selfMatched;
    private final LeaderLease lease;
    private final ReadConfirmations reads;
    private final List<WaitingRead> waitingReads = new ArrayList<>();
    private boolean leaseForfeited;
    private Optional<NodeId> transferee = Optional.empty();
    private int heartbeatElapsed;
    private boolean flushPending;

    Leader(PaxosNode node, long ballot) {
        this.node = node;
        this.ballot = ballot;
        this.lease = new LeaderLease(node.id, node.config.electionTicks());
        this.reads = new ReadConfirmations(node.id);
    }

    void start(long fromSlot, List<LogEntry> adopted) {
        selfMatched = node.log.committed;
        long noop = adopted.isEmpty() ? fromSlot : adopted.get(adopted.size() - 1).index() + 1;
        List<LogEntry> mine = new ArrayList<>(adopted);
        mine.add(new LogEntry(noop, ballot, EntryType.NORMAL, new byte[0]));
        startSlot = noop;
        node.writeSlots(mine);
        refreshPeers(fromSlot);
        broadcastAccepts();
        maybeCommit();
    }

    // ---------------------------------------------------------------- membership of the ballot

    private Set<NodeId> voters() {
        return node.configs.at(node.log.committed + 1).voters();
    }

    /** Everyone of the chosen configuration or of the newest one in the log receives the slots. */
    private void refreshPeers(long next) {
        ConfState chosen = node.configs.at(node.log.committed + 1);
        ConfState newest = node.configs.at(node.log.lastIndex() + 1);
        Set<NodeId> all = new TreeSet<>();
        all.addAll(chosen.voters());
        all.addAll(chosen.learners());
        all.addAll(newest.voters());
        all.addAll(newest.learners());
        all.remove(node.id);
        peers.keySet().retainAll(all);
        snapshots.keySet().retainAll(all);
        for (NodeId id : all) {
            boolean learner = !chosen.voters().contains(id);
            AcceptorProgress p = peers.get(id);
            if (p == null || p.learner != learner) {
                AcceptorProgress fresh = new AcceptorProgress(next, learner);
                if (p != null) {
                    fresh.matched = p.matched;
                    fresh.next = p.matched + 1;
                }
                peers.put(id, fresh);
            }
        }
    }

    /** Stop-the-world: the last slot that may be sent is the first unchosen configuration slot. */
    long sendLimit() {
        OptionalLong pending = node.configs.nextChangeAfter(node.log.committed);
        return pending.isPresent() ? pending.getAsLong() : node.log.lastIndex();
    }

    // ---------------------------------------------------------------- phase 2

    ProposalReceipt propose(EntryType type, byte[] data) {
        if (transferee.isPresent()) {
            throw new ProposalDroppedException("leadership transfer to " + transferee.get() + " in progress");
        }
        long slot = node.log.lastIndex() + 1;
        node.writeSlots(List.of(new LogEntry(slot, ballot, type, data)));
        if (type == EntryType.CONF_CHANGE) {
            refreshPeers(slot);
        }
        broadcastAccepts();
        maybeCommit();
        return new ProposalReceipt(slot, ballot);
    }

    ProposalReceipt proposeConfChange(ConfChange change) {
        if (node.log.committed < startSlot) {
            throw new ProposalDroppedException("no configuration change before the leader's first slot is chosen");
        }
        if (node.configs.nextChangeAfter(node.log.committed).isPresent()) {
            throw new ProposalDroppedException("another configuration change is still pending");
        }
        if (node.log.committed < node.log.lastIndex()) {
            // The payload carries the configuration it results in, computed from the slots before it: they
            // must all be chosen, or a later leader could choose something else there (another configuration
            // among them) and this value, adopted as it is, would describe a configuration nobody agreed on.
            throw new ProposalDroppedException("earlier slots are not all chosen yet; retry");
        }
        ConfState before = node.configs.at(node.log.lastIndex() + 1);
        ConfState after;
        try {
            after = change.applyTo(before);
        } catch (IllegalArgumentException invalid) {
            throw new ProposalDroppedException(invalid.getMessage());
        }
        if (!before.contains(change.node())) {
            Set<NodeId> members = new TreeSet<>(before.voters());
            members.addAll(before.learners());
            for (NodeId member : members) {
                if (Ballot.tagOf(member) == Ballot.tagOf(change.node())) {
                    throw new ProposalDroppedException(change.node() + " would share ballots with " + member);
                }
            }
        }
        if (after.voters().isEmpty()) {
            throw new ProposalDroppedException("a group needs at least one voter");
        }
        return propose(EntryType.CONF_CHANGE, ConfChangeCodec.encode(change, after));
    }

    /** Batching: what became sendable is sent when the shell next asks for a Ready ({@link #flushAccepts}). */
    void broadcastAccepts() {
        flushPending = true;
    }

    /** Send every peer all it may receive now, in as few Accepts as the size limit allows. */
    void flushAccepts() {
        if (flushPending) {
            flushPending = false;
            peers.forEach(this::sendAccepts);
        }
    }

    private void sendAccepts(NodeId peer, AcceptorProgress p) {
        long limit = sendLimit();
        while (p.canSend(limit, node.config.window())) {
            if (p.next < node.log.firstIndex()) {
                startSnapshot(peer, p);
                return;
            }
            long to = p.state == AcceptorProgress.State.REPLICATE ? Math.min(limit, p.matched + node.config.window())
                    : limit;
            List<LogEntry> entries = node.log.entries(p.next, to + 1, node.config.maxSizePerMsg());
            node.send(new Accept(node.groupId, node.id, peer, ballot, entries, node.log.committed));
            p.next = entries.get(entries.size() - 1).index() + 1;
            if (p.state == AcceptorProgress.State.PROBE) {
                p.probeSent = true;
            }
        }
    }

    void onAccepted(Accepted a) {
        AcceptorProgress p = peers.get(a.from());
        if (p == null) {
            return;
        }
        p.recentActive = true;
        boolean progress = p.ackTo(a.matched());
        boolean gap = a.firstSlot() == 0 ? a.matched() < p.next - 1 && p.state == AcceptorProgress.State.PROBE
                : a.matched() < a.firstSlot() - 1;
        if (gap && a.matched() >= p.matched) {
            p.becomeProbe(); // a hole before what we sent (lost or reordered Accepts): go back to it
        } else if (p.state == AcceptorProgress.State.PROBE && (progress || !gap)) {
            p.becomeReplicate();
        }
        if (progress) {
            maybeCommit();
        }
        broadcastAccepts();
        if (transferee.equals(Optional.of(a.from())) && p.matched == node.log.lastIndex()) {
            sendTimeoutNow(a.from());
        }
    }

    void onOwnSlotsStable(long stableLast) {
        if (stableLast > selfMatched) {
            selfMatched = stableLast;
            maybeCommit();
        }
    }

    /**
     * Learn (commit) every slot accepted by a majority of the configuration deciding it, in slot order: a
     * configuration slot's successors are counted only once it is chosen.
     */
    private void maybeCommit() {
        long chosen = node.log.committed;
        while (true) {
            Set<NodeId> voters = node.configs.at(chosen + 1).voters();
            OptionalLong change = node.configs.nextChangeAfter(chosen);
            long segmentEnd = change.isPresent() ? change.getAsLong() : node.log.lastIndex();
            long q = Majority.quorumValue(voters, id -> id.equals(node.id) ? selfMatched
                    : peers.containsKey(id) ? peers.get(id).matched : 0);
            if (q <= chosen) {
                break;
            }
            chosen = Math.min(q, segmentEnd);
            if (chosen < segmentEnd || !change.isPresent()) {
                break;
            }
        }
        if (chosen <= node.log.committed) {
            return;
        }
        boolean crossedChange = node.configs.nextChangeAfter(node.log.committed).orElse(Long.MAX_VALUE) <= chosen;
        node.learn(chosen);
        if (crossedChange) {
            refreshPeers(node.log.lastIndex() + 1);
            if (!voters().contains(node.id)) {
                node.becomeFollower(Optional.empty()); // removed from the voters: step down
                return;
            }
        }
        if (node.log.committed >= startSlot) {
            List<WaitingRead> waiting = List.copyOf(waitingReads);
            waitingReads.clear();
            waiting.forEach(r -> serveRead(r.context(), r.mode()));
        }
        broadcastHeartbeat(); // the commit notification
        broadcastAccepts();
    }

    // ---------------------------------------------------------------- heartbeats, lease, check-quorum

    void tick() {
        node.electionElapsed++;
        if (node.electionElapsed >= node.config.electionTicks()) {
            node.electionElapsed = 0;
            if (transferee.isPresent()) {
                transferee = Optional.empty(); // abandoned: took longer than an election timeout
            }
            if (!quorumActive()) {
                node.becomeFollower(Optional.empty());
                return;
            }
            peers.values().forEach(p -> p.recentActive = false);
        }
        if (++heartbeatElapsed >= node.config.heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
    }

    private boolean quorumActive() {
        List<NodeId> active = new ArrayList<>();
        active.add(node.id);
        peers.forEach((id, p) -> {
            if (p.recentActive) {
                active.add(id);
            }
        });
        return QuorumTally.isQuorum(voters(), active);
    }

    private void broadcastHeartbeat() {
        for (NodeId peer : peers.keySet()) {
            node.send(new Heartbeat(node.groupId, node.id, peer, ballot, node.log.committed, reads.lastSeq(), node.now));
        }
    }

    void onHeartbeatAck(HeartbeatAck h) {
        AcceptorProgress p = peers.get(h.from());
        if (p == null) {
            return;
        }
        p.recentActive = true;
        lease.ack(h.from(), h.sentAtTick());
        reads.ack(h.from(), h.readSeq(), voters()).forEach(node::releaseRead);
        if (p.ackTo(h.matched())) {
            maybeCommit();
        } else if (p.matched < node.log.lastIndex()) {
            p.stalledAcks++;
            if (p.state == AcceptorProgress.State.PROBE) {
                p.becomeProbe(); // the probe (or its answer) was lost: probe again from the matched slot
            } else if (p.state == AcceptorProgress.State.REPLICATE && p.stalledAcks >= 2) {
                p.becomeProbe();
            } else if (p.state == AcceptorProgress.State.SNAPSHOT && p.stalledAcks >= 3) {
                p.stalledAcks = 0;
                sendSnapshotChunk(h.from(), snapshots.get(h.from()));
            }
        }
        broadcastAccepts();
    }

    // ---------------------------------------------------------------- catch-up by snapshot

    private void startSnapshot(NodeId peer, AcceptorProgress p) {
        p.state = AcceptorProgress.State.SNAPSHOT;
        p.stalledAcks = 0;
        SnapshotTransfer.Sender sender = new SnapshotTransfer.Sender(node.log.snapshot());
        snapshots.put(peer, sender);
        sendSnapshotChunk(peer, sender);
    }

    private void sendSnapshotChunk(NodeId peer, SnapshotTransfer.Sender s) {
        if (s == null) {
            return;
        }
        int size = node.config.snapshotChunkBytes();
        node.send(new SnapshotChunk(node.groupId, node.id, peer, ballot, s.snapshot.metadata(),
                s.snapshot.data().length, s.ackedOffset, s.chunk(size), s.isLast(size)));
    }

    void onSnapshotAck(SnapshotAck a) {
        AcceptorProgress p = peers.get(a.from());
        SnapshotTransfer.Sender s = snapshots.get(a.from());
        if (p == null) {
            return;
        }
        p.recentActive = true;
        if (s == null || a.snapshotIndex() != s.snapshot.metadata().index()) {
            return;
        }
        p.stalledAcks = 0;
        if (a.nextOffset() >= s.snapshot.data().length) {
            snapshots.remove(a.from());
            p.ackTo(a.snapshotIndex());
            p.becomeProbe();
            maybeCommit();
            broadcastAccepts();
        } else {
            s.ackedOffset = a.nextOffset();
            sendSnapshotChunk(a.from(), s);
        }
    }

    void reportUnreachable(NodeId peer) {
        AcceptorProgress p = peers.get(peer);
        if (p != null && p.state == AcceptorProgress.State.REPLICATE) {
            p.becomeProbe();
        }
    }

    // ---------------------------------------------------------------- reads

    void readIndex(byte[] context, ReadMode mode) {
        if (node.log.committed < startSlot) {
            // Until our first slot is chosen we may not know every chosen value.
            waitingReads.add(new WaitingRead(context, mode));
            return;
        }
        serveRead(context, mode);
    }

    private void serveRead(byte[] context, ReadMode mode) {
        long index = node.log.committed;
        if (voters().equals(Set.of(node.id))) {
            node.releaseRead(new ReadState(index, context));
            return;
        }
        if (mode == ReadMode.LEASE && !leaseForfeited && lease.covers(node.now, voters())) {
            node.releaseRead(new ReadState(index, context));
            return;
        }
        reads.add(index, context); // SAFE, or LEASE without a valid lease: one heartbeat round
        broadcastHeartbeat();
    }

    // ---------------------------------------------------------------- leadership transfer

    void transferLeadership(NodeId target) {
        if (target.equals(node.id)) {
            return;
        }
        AcceptorProgress p = peers.get(target);
        if (p == null || p.learner) {
            throw new IllegalArgumentException(target + " is not a voter of group " + node.groupId);
        }
        if (transferee.equals(Optional.of(target))) {
            return;
        }
        transferee = Optional.of(target);
        node.electionElapsed = 0;
        if (p.matched == node.log.lastIndex()) {
            sendTimeoutNow(target);
        } else {
            broadcastAccepts();
        }
    }

    private void sendTimeoutNow(NodeId target) {
        leaseForfeited = true; // the transferee's phase 1 ignores stickiness: our lease no longer holds
        node.send(new TimeoutNow(node.groupId, node.id, target, ballot));
    }

    Map<NodeId, PeerProgress> progress() {
        Map<NodeId, PeerProgress> out = new TreeMap<>();
        peers.forEach((id, p) -> out.put(id, new PeerProgress(id, p.matched, p.next, p.state.name(), p.learner,
                p.recentActive)));
        return out;
    }
}
