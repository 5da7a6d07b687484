package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ReadState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * §6.4 ReadIndex on the leader: each read records the commit index at arrival and gets a sequence number;
 * heartbeats carry the latest sequence. A follower answering a heartbeat with sequence {@code s} confirms
 * that we were still leader after every read up to {@code s} arrived; once a quorum confirms, those reads
 * are released in arrival order. One heartbeat round serves any number of queued reads.
 */
final class ReadOnlyRequests {

    private record Pending(long seq, long index, byte[] context) {
    }

    private final NodeId self;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<NodeId, Long> ackedSeq = new HashMap<>();
    private long lastSeq;

    ReadOnlyRequests(NodeId self) {
        this.self = self;
    }

    /** Queue a read at {@code commitIndex}; returns the sequence a heartbeat must carry to confirm it. */
    long add(long commitIndex, byte[] context) {
        lastSeq++;
        queue.addLast(new Pending(lastSeq, commitIndex, context));
        return lastSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    int pending() {
        return queue.size();
    }

    /** Record {@code from}'s confirmation up to {@code seq}; returns the reads this releases. */
    List<ReadState> ack(NodeId from, long seq, Set<NodeId> voters) {
        ackedSeq.merge(from, seq, Math::max);
        long confirmed = MajorityQuorum.quorumValue(voters,
                id -> id.equals(self) ? lastSeq : ackedSeq.getOrDefault(id, 0L));
        List<ReadState> released = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekFirst().seq() <= confirmed) {
            Pending p = queue.pollFirst();
            released.add(new ReadState(p.index(), p.context()));
        }
        return released;
    }
}
