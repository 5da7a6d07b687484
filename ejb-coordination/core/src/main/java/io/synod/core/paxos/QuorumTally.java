package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;

import java.util.Collection;
import java.util.Set;

/**
 * Paxos's quorum tests over a voter set (learners never appear here); the arithmetic shared with Raft is in
 * {@link io.synod.core.quorum.Majority}.
 */
final class QuorumTally {

    private QuorumTally() {
    }

    /** Whether {@code responders} include a majority of {@code voters}. */
    static boolean isQuorum(Set<NodeId> voters, Collection<NodeId> responders) {
        if (voters.isEmpty()) {
            return false;
        }
        long n = voters.stream().filter(responders::contains).count();
        return n >= voters.size() / 2 + 1;
    }

    /**
     * Whether {@code responders} are a phase-1 quorum of {@code voters}: enough to intersect every majority
     * (the phase-2 quorum), i.e. {@code n - (n/2 + 1) + 1}. Equal to a majority for an odd {@code n}, one less
     * for an even one (Flexible Paxos, Howard, Malkhi, Spiegelman 2016: only Q1 + Q2 > n is needed). With four
     * voters two promises suffice, so one crashed voter and one that is still catching up do not block phase 1.
     */
    static boolean isPhaseOneQuorum(Set<NodeId> voters, Collection<NodeId> responders) {
        if (voters.isEmpty()) {
            return false;
        }
        long n = voters.stream().filter(responders::contains).count();
        return n >= voters.size() - voters.size() / 2;
    }
}
