package io.synod.core.quorum;

import io.synod.core.consensus.NodeId;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The leader lease for LEASE reads: Raft §6.4.1, and the master lease of "Paxos Made Live" §5.2. Both engines
 * make followers / acceptors sticky: one that heard from the leader refuses to vote for (Raft, with
 * check-quorum) or promise to (Paxos, {@code PaxosNode#sticky()}) anyone else for an election timeout. So once
 * a quorum answered a heartbeat the leader sent at tick {@code t}, no other leader can be elected (or finish
 * phase 1) before {@code t + electionTicks}. The lease is dated from the send tick echoed back, never from the
 * arrival of the answer. Assumes tick rates drift less than one tick per election timeout; that is the price
 * of LEASE reads over SAFE ones.
 */
public final class LeaderLease {

    private final NodeId self;
    private final int electionTicks;
    private final Map<NodeId, Long> ackedSentAt = new HashMap<>();

    public LeaderLease(NodeId self, int electionTicks) {
        this.self = self;
        this.electionTicks = electionTicks;
    }

    public void ack(NodeId from, long sentAtTick) {
        ackedSentAt.merge(from, sentAtTick, Math::max);
    }

    /** Whether the lease covers tick {@code now}; one tick of margin for the tick a message spends in flight. */
    public boolean covers(long now, Set<NodeId> voters) {
        long start = Majority.quorumValue(voters,
                id -> id.equals(self) ? now : ackedSentAt.getOrDefault(id, Long.MIN_VALUE / 2));
        return now < start + electionTicks - 1;
    }
}
