package io.synod.core.raft;

import io.synod.core.consensus.NodeId;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * §6.4.1 leader lease. A follower that heard from the leader refuses to vote for anyone else for an election
 * timeout (leader stickiness, enabled with check-quorum), so once a quorum answered a heartbeat the leader
 * sent at tick {@code t}, no other leader can be elected before {@code t + electionTicks}. The lease is dated
 * from the send tick echoed back, never from the arrival of the answer. Assumes tick rates drift less than
 * one tick per election timeout; that is the price of LEASE reads over SAFE ones.
 */
final class LeaderLease {

    private final NodeId self;
    private final int electionTicks;
    private final Map<NodeId, Long> ackedSentAt = new HashMap<>();

    LeaderLease(NodeId self, int electionTicks) {
        this.self = self;
        this.electionTicks = electionTicks;
    }

    void ack(NodeId from, long sentAtTick) {
        ackedSentAt.merge(from, sentAtTick, Math::max);
    }

    /** Whether the lease covers tick {@code now}; one tick of margin for the tick a message spends in flight. */
    boolean covers(long now, Set<NodeId> voters) {
        long start = MajorityQuorum.quorumValue(voters,
                id -> id.equals(self) ? now : ackedSentAt.getOrDefault(id, Long.MIN_VALUE / 2));
        return now < start + electionTicks - 1;
    }
}
