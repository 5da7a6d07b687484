package io.synod.core.raft;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogCompactedException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.consensus.Snapshot;
import io.synod.core.quorum.LeaderLease;
import io.synod.core.quorum.ReadConfirmations;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.AppendResponse;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.core.raft.RaftMessage.HeartbeatResponse;
import io.synod.core.raft.RaftMessage.SnapshotResponse;
import io.synod.core.raft.RaftMessage.TimeoutNow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Leader behaviour: replicate with per-follower flow control, commit by counting current-term entries,
 * heartbeat, check quorum, confirm reads, transfer leadership and send chunked snapshots.
 */
final class LeaderState implements RoleBehaviour {

    /** A read that arrived before this leader committed an entry of its own term (§6.4 step 1). */
    private record WaitingRead(byte[] context, ReadMode mode) {
    }

    private final RaftNode node;
    private final ProgressTracker tracker;
    private final ReadConfirmations reads;
    private final LeaderLease lease;
    private final List<WaitingRead> waitingReads = new ArrayList<>();
    private final Map<NodeId, SnapshotSender> snapshotSenders = new HashMap<>();
    private Optional<NodeId> transferee = Optional.empty();
    /** Once a TimeoutNow may be in flight, a voter may legitimately desert us: no more lease reads this term. */
    private boolean leaseForfeited;
    private int heartbeatElapsed;

    LeaderState(RaftNode node) {
        this.node = node;
        this.tracker = new ProgressTracker(node.id, node.config.maxInflightMsgs());
        this.reads = new ReadConfirmations(node.id);
        this.lease = new LeaderLease(node.id, node.config.electionTicks());
    }

    ProgressTracker tracker() {
        return tracker;
    }

    /** §3.4 / §6.4: a new leader appends a no-op of its term; its commit tells us what is committed. */
    void start() {
        tracker.applyConf(node.membership.current(), node.log.lastIndex());
        tracker.all().forEach((id, p) -> {
            // Give every follower an election timeout to answer before check-quorum counts it absent.
            p.recentActive = id.equals(node.id);
            if (id.equals(node.id)) {
                p.match = node.log.stableLastIndex();
                p.becomeReplicate();
            }
        });
        appendAndReplicate(EntryType.NORMAL, new byte[0]);
    }

    // ---------------------------------------------------------------- proposals

    ProposalReceipt propose(EntryType type, byte[] data) {
        if (transferee.isPresent()) {
            throw new ProposalDroppedException("leadership is being transferred to " + transferee.get());
        }
        return appendAndReplicate(type, data);
    }

    /** §4.1 single-server change, one at a time: refused while an earlier one is not yet applied. */
    ProposalReceipt proposeConfChange(ConfChange change) {
        if (!committedInCurrentTerm()) {
            // Ongaro, raft-dev 2015 ("bug in single-server membership changes"): a leader must commit an entry
            // of its own term before changing the configuration, or two changes made under different leaders
            // can yield configurations whose majorities do not overlap.
            throw new ProposalDroppedException("no entry of term " + node.term + " committed yet");
        }
        if (node.membership.lastChangeIndex() > node.log.applied) {
            throw new ProposalDroppedException("configuration change at index " + node.membership.lastChangeIndex()
                    + " is still pending (applied " + node.log.applied + ")");
        }
        ConfState before = node.membership.current();
        ConfState after;
        try {
            after = change.applyTo(before);
        } catch (IllegalArgumentException invalid) {
            throw new ProposalDroppedException("invalid configuration change " + change + ": " + invalid.getMessage());
        }
        if (after.equals(before)) {
            throw new ProposalDroppedException(change + " does not change the configuration " + before);
        }
        if (after.voters().isEmpty()) {
            throw new ProposalDroppedException(change + " would remove the last voter");
        }
        return propose(EntryType.CONF_CHANGE, ConfChangeCodec.encode(change, after));
    }

    private ProposalReceipt appendAndReplicate(EntryType type, byte[] data) {
        LogEntry entry = new LogEntry(node.log.lastIndex() + 1, node.term, type, data);
        node.appendToLog(List.of(entry));
        broadcastAppend();
        return new ProposalReceipt(entry.index(), entry.term());
    }

    /** Our own entries became durable: only now do they count for the quorum. */
    void onOwnEntriesStable(long index, long term) {
        if (!node.log.matchTerm(index, term)) {
            return; // overwritten since that Ready was taken
        }
        tracker.get(node.id).ifPresent(p -> {
            if (p.maybeUpdate(index) && maybeCommit()) {
                broadcastAppend();
            }
        });
    }

    void onMembershipChanged(ConfState conf) {
        tracker.applyConf(conf, node.log.lastIndex());
        snapshotSenders.keySet().removeIf(peer -> !conf.contains(peer));
        transferee.filter(t -> !conf.voters().contains(t)).ifPresent(t -> transferee = Optional.empty());
        // A smaller quorum may already hold more: removing a slow voter can advance the commit.
        if (maybeCommit()) {
            broadcastAppend();
        }
    }

    // ---------------------------------------------------------------- tick

    @Override
    public void tick() {
        heartbeatElapsed++;
        node.electionElapsed++;
        if (node.electionElapsed >= node.config.electionTicks()) {
            node.electionElapsed = 0;
            if (node.config.checkQuorum()) {
                // §6.2: a leader that cannot reach a quorum steps down, so clients look elsewhere.
                if (!tracker.quorumActive()) {
                    node.becomeFollower(node.term, Optional.empty());
                    return;
                }
                tracker.resetRecentActive();
            }
            // §3.10: a transfer that did not finish within an election timeout is abandoned.
            transferee = Optional.empty();
        }
        snapshotSenders.values().forEach(s -> s.idleTicks++);
        if (heartbeatElapsed >= node.config.heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
    }

    private void broadcastHeartbeat() {
        for (NodeId peer : tracker.peers()) {
            Progress p = tracker.get(peer).orElseThrow();
            node.send(new Heartbeat(node.groupId, node.id, peer, node.term, Math.min(p.match, node.log.committed),
                    reads.lastSeq(), node.now));
        }
    }

    // ---------------------------------------------------------------- replication

    void broadcastAppend() {
        for (NodeId peer : tracker.peers()) {
            sendAppend(peer, true);
        }
    }

    /**
     * Send {@code peer} what it lacks, if its flow control allows: one probe in PROBE state, a batch of up to
     * maxSizePerMsg bytes per message and up to maxInflightMsgs unacknowledged messages in REPLICATE state.
     * Returns whether a message was sent.
     */
    private boolean sendAppend(NodeId peer, boolean sendIfEmpty) {
        Progress p = tracker.get(peer).orElse(null);
        if (p == null || p.isPaused()) {
            return false;
        }
        long prevIndex = p.next - 1;
        long prevTerm;
        List<LogEntry> entries;
        try {
            prevTerm = node.log.term(prevIndex);
            entries = node.log.entries(p.next, node.config.maxSizePerMsg());
        } catch (LogCompactedException compacted) {
            return sendSnapshot(peer, p);
        }
        if (entries.isEmpty() && !sendIfEmpty) {
            return false;
        }
        node.send(new AppendEntries(node.groupId, node.id, peer, node.term, prevIndex, prevTerm, entries,
                node.log.committed));
        if (p.state == Progress.State.REPLICATE && !entries.isEmpty()) {
            long last = entries.get(entries.size() - 1).index();
            p.optimisticUpdate(last);
            p.inflights.add(last);
        } else if (p.state == Progress.State.PROBE) {
            p.probeSent = true;
        }
        return true;
    }

    /** §5.3: the follower needs entries we compacted; stream it our latest snapshot in chunks. */
    private boolean sendSnapshot(NodeId peer, Progress p) {
        if (!p.recentActive) {
            return false; // do not spend a snapshot on a follower that may be down
        }
        Snapshot snap = node.log.snapshot();
        if (snap.isEmpty()) {
            throw new IllegalStateException("follower " + peer + " needs compacted entries but there is no snapshot");
        }
        p.becomeSnapshot(snap.metadata().index());
        SnapshotSender sender = new SnapshotSender(snap, node.config.snapshotChunkBytes());
        snapshotSenders.put(peer, sender);
        node.send(sender.chunk(node.groupId, node.id, peer, node.term));
        return true;
    }

    /**
     * §3.6.2 commit rule: the highest index stored on a majority, but only if it is of the current term;
     * earlier-term entries commit indirectly (Fig. 3.7). The injected bug commits them by counting.
     */
    private boolean maybeCommit() {
        long candidate = tracker.quorumMatch();
        if (candidate <= node.log.committed) {
            return false;
        }
        if (node.log.term(candidate) != node.term && !node.config.has(InjectedBug.COMMIT_PREVIOUS_TERM_BY_COUNTING)) {
            return false;
        }
        node.log.commitTo(candidate);
        onCommitAdvanced();
        return true;
    }

    private void onCommitAdvanced() {
        if (committedInCurrentTerm() && !waitingReads.isEmpty()) {
            List<WaitingRead> ready = new ArrayList<>(waitingReads);
            waitingReads.clear();
            ready.forEach(r -> serveRead(r.context(), r.mode()));
        }
        if (!tracker.voters().contains(node.id) && node.log.committed >= node.membership.lastChangeIndex()) {
            // §4.2.2: a leader removed from the configuration steps down once that configuration is committed;
            // first tell the others the new commit index.
            broadcastAppend();
            node.becomeFollower(node.term, Optional.empty());
        }
    }

    private boolean committedInCurrentTerm() {
        return node.log.term(node.log.committed) == node.term;
    }

    // ---------------------------------------------------------------- responses

    @Override
    public void step(RaftMessage message) {
        if (message instanceof AppendResponse m) {
            withProgress(m.from(), p -> handleAppendResponse(m, p));
        } else if (message instanceof HeartbeatResponse m) {
            withProgress(m.from(), p -> handleHeartbeatResponse(m, p));
        } else if (message instanceof SnapshotResponse m) {
            withProgress(m.from(), p -> handleSnapshotResponse(m, p));
        }
        // Appends, heartbeats and vote answers in our own term cannot come from anyone else: ignore.
    }

    private void withProgress(NodeId from, Consumer<Progress> handler) {
        tracker.get(from).ifPresent(p -> {
            p.recentActive = true;
            handler.accept(p);
        });
    }

    private void handleAppendResponse(AppendResponse m, Progress p) {
        NodeId from = m.from();
        if (m.reject()) {
            // Fast backtracking: skip every entry of a term the follower does not have at that position.
            long nextProbe = m.rejectHint();
            if (m.hintTerm() > 0) {
                nextProbe = node.log.findConflictByTerm(m.rejectHint(), m.hintTerm()).index();
            }
            if (p.maybeDecrTo(m.index(), nextProbe)) {
                if (p.state == Progress.State.REPLICATE) {
                    p.becomeProbe();
                }
                sendAppend(from, false);
            }
            return;
        }
        boolean wasPaused = p.isPaused();
        boolean updated = p.maybeUpdate(m.index());
        if (p.state == Progress.State.PROBE && (updated || p.match == m.index())) {
            p.becomeReplicate();
        } else if (p.state == Progress.State.SNAPSHOT
                && (p.match + 1 >= node.log.firstIndex() || m.index() >= p.pendingSnapshot)) {
            // The follower installed the snapshot (or already had its tail): resume normal replication.
            snapshotSenders.remove(from);
            p.becomeProbe();
            p.becomeReplicate();
        } else if (p.state == Progress.State.REPLICATE && updated) {
            p.inflights.freeUpTo(m.index());
        } else {
            return;
        }
        if (maybeCommit()) {
            broadcastAppend();
        } else if (wasPaused) {
            sendAppend(from, true); // it may not know the commit index yet
        }
        // Pipelining: fill the window as far as flow control lets us.
        while (node.behaviour == this && sendAppend(from, false)) {
            // keep sending
        }
        if (transferee.equals(Optional.of(from)) && p.match == node.log.lastIndex()) {
            sendTimeoutNow(from);
        }
    }

    private void handleHeartbeatResponse(HeartbeatResponse m, Progress p) {
        p.probeSent = false;
        if (p.state == Progress.State.REPLICATE && p.inflights.full()) {
            // The follower is alive but answers none of our appends (lost in flight): free a slot so the next
            // append can provoke a rejection that resynchronises us.
            p.inflights.freeFirst();
        }
        lease.ack(m.from(), m.sentAtTick());
        if (p.state == Progress.State.SNAPSHOT) {
            resumeSnapshot(m.from(), p);
        } else if (p.match < node.log.lastIndex()) {
            // Even an empty append is worth it: its rejection tells us where a silent follower stands.
            sendAppend(m.from(), true);
        }
        List<ReadState> released = reads.ack(m.from(), m.readSeq(), tracker.voters());
        released.forEach(node::releaseRead);
    }

    /** A stalled snapshot transfer: resend the awaited chunk, or after an election timeout start over. */
    private void resumeSnapshot(NodeId peer, Progress p) {
        SnapshotSender sender = snapshotSenders.get(peer);
        if (sender == null || sender.idleTicks >= node.config.electionTicks()) {
            snapshotSenders.remove(peer);
            p.becomeProbe();
            sendAppend(peer, false);
        } else if (sender.idleTicks >= 2 * node.config.heartbeatTicks()) {
            sender.idleTicks = 0;
            node.send(sender.chunk(node.groupId, node.id, peer, node.term));
        }
    }

    private void handleSnapshotResponse(SnapshotResponse m, Progress p) {
        SnapshotSender sender = snapshotSenders.get(m.from());
        if (p.state != Progress.State.SNAPSHOT || sender == null || sender.snapshotIndex() != m.snapshotIndex()) {
            return;
        }
        if (sender.acknowledge(m.nextOffset())) {
            node.send(sender.chunk(node.groupId, node.id, m.from(), node.term));
        }
    }

    void reportUnreachable(NodeId peer) {
        tracker.get(peer).ifPresent(p -> {
            if (p.state == Progress.State.REPLICATE || p.state == Progress.State.SNAPSHOT) {
                snapshotSenders.remove(peer);
                p.becomeProbe();
            }
        });
    }

    // ---------------------------------------------------------------- reads (§6.4)

    void readIndex(byte[] context, ReadMode mode) {
        if (node.config.has(InjectedBug.READ_INDEX_WITHOUT_QUORUM_CHECK)) {
            node.releaseRead(new ReadState(node.log.committed, context));
            return;
        }
        if (!committedInCurrentTerm()) {
            // Until our no-op commits we may not know the latest commit index (§6.4 step 1).
            waitingReads.add(new WaitingRead(context, mode));
            return;
        }
        serveRead(context, mode);
    }

    private void serveRead(byte[] context, ReadMode mode) {
        long index = node.log.committed;
        if (tracker.voters().equals(Set.of(node.id))) {
            node.releaseRead(new ReadState(index, context));
            return;
        }
        if (mode == ReadMode.LEASE && node.config.checkQuorum() && !leaseForfeited
                && lease.covers(node.now, tracker.voters())) {
            node.releaseRead(new ReadState(index, context));
            return;
        }
        // SAFE (or LEASE without a valid lease): confirm leadership with one heartbeat round.
        reads.add(index, context);
        broadcastHeartbeat();
    }

    // ---------------------------------------------------------------- leadership transfer (§3.10)

    void transferLeadership(NodeId target) {
        if (target.equals(node.id)) {
            return;
        }
        Progress p = tracker.get(target).filter(pr -> !pr.learner).orElseThrow(() ->
                new IllegalArgumentException(target + " is not a voter of group " + node.groupId));
        if (transferee.equals(Optional.of(target))) {
            return;
        }
        transferee = Optional.of(target);
        // The transfer must complete within one election timeout or it is abandoned.
        node.electionElapsed = 0;
        if (p.match == node.log.lastIndex()) {
            sendTimeoutNow(target);
        } else {
            sendAppend(target, true);
        }
    }

    private void sendTimeoutNow(NodeId target) {
        leaseForfeited = true;
        node.send(new TimeoutNow(node.groupId, node.id, target, node.term));
    }
}
