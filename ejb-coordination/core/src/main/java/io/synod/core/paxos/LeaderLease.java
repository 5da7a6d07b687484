package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The leader lease for LEASE reads ("Paxos Made Live" §5.2 master leases). An acceptor that heard from the
 * leader refuses to promise anyone else for an election timeout (stickiness, {@link PaxosNode#sticky()}), so
 * once a quorum answered a heartbeat the leader sent at tick {@code t}, no other proposer can finish phase 1
 * before {@code t + electionTicks}. The lease is dated from the echoed send tick. Assumes tick rates drift
 * less than one tick per election timeout.
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
        long start = QuorumTally.quorumValue(voters,
                id -> id.equals(self) ? now : ackedSentAt.getOrDefault(id, Long.MIN_VALUE / 2));
        return now < start + electionTicks - 1;
    }
}
