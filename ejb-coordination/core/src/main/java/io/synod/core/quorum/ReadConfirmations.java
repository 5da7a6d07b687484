package io.synod.core.quorum;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ReadState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SAFE reads on the leader, Raft §6.4 ReadIndex (used by Multi-Paxos the same way): each read records the
 * commit index (Raft) or chosen prefix (Paxos) at arrival and gets a sequence number; heartbeats carry the
 * latest sequence. A follower / acceptor answering a heartbeat with sequence {@code s} under our term or
 * ballot confirms that we were still leader after every read up to {@code s} arrived (no other leader could
 * have committed or chosen a value we do not know); once a quorum confirms, those reads are released in
 * arrival order. One heartbeat round serves any number of queued reads.
 */
public final class ReadConfirmations {

    private record Pending(long seq, long index, byte[] context) {
    }

    private final NodeId self;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<NodeId, Long> ackedSeq = new HashMap<>();
    private long lastSeq;

    public ReadConfirmations(NodeId self) {
        this.self = self;
    }

    /** Queue a read at {@code index}; returns the sequence a heartbeat must carry to confirm it. */
    public long add(long index, byte[] context) {
        lastSeq++;
        queue.addLast(new Pending(lastSeq, index, context));
        return lastSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** Record {@code from}'s confirmation up to {@code seq}; returns the reads this releases. */
    public List<ReadState> ack(NodeId from, long seq, Set<NodeId> voters) {
        ackedSeq.merge(from, seq, Math::max);
        long confirmed = Majority.quorumValue(voters,
                id -> id.equals(self) ? lastSeq : ackedSeq.getOrDefault(id, 0L));
        List<ReadState> released = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekFirst().seq() <= confirmed) {
            Pending p = queue.pollFirst();
            released.add(new ReadState(p.index(), p.context()));
        }
        return released;
    }
}
