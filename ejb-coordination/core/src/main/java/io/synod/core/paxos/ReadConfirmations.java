package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ReadState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SAFE reads: each read records the chosen prefix at arrival and gets a sequence number; heartbeats carry the
 * latest one. An acceptor answering sequence {@code s} under our ballot shows it had not promised a higher
 * ballot after every read up to {@code s} arrived; once a quorum answers, no other leader could have chosen a
 * value we do not know, and those reads are released in arrival order (the ReadIndex of Raft §6.4).
 */
final class ReadConfirmations {

    private record Pending(long seq, long index, byte[] context) {
    }

    private final NodeId self;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<NodeId, Long> ackedSeq = new HashMap<>();
    private long lastSeq;

    ReadConfirmations(NodeId self) {
        this.self = self;
    }

    long add(long chosenIndex, byte[] context) {
        lastSeq++;
        queue.addLast(new Pending(lastSeq, chosenIndex, context));
        return lastSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    List<ReadState> ack(NodeId from, long seq, Set<NodeId> voters) {
        ackedSeq.merge(from, seq, Math::max);
        long confirmed = QuorumTally.quorumValue(voters,
                id -> id.equals(self) ? lastSeq : ackedSeq.getOrDefault(id, 0L));
        List<ReadState> released = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekFirst().seq() <= confirmed) {
            Pending p = queue.pollFirst();
            released.add(new ReadState(p.index(), p.context()));
        }
        return released;
    }
}
