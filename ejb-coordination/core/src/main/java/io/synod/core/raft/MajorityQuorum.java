package io.synod.core.raft;

import io.synod.core.consensus.NodeId;

import java.util.Map;
import java.util.Set;

/**
 * Raft's election tally over a voter set (learners never appear here); the arithmetic shared with Paxos is in
 * {@link io.synod.core.quorum.Majority}.
 */
final class MajorityQuorum {

    enum VoteResult { PENDING, WON, LOST }

    private MajorityQuorum() {
    }

    /** Outcome of an election given the answers so far ({@code true} = granted). */
    static VoteResult voteResult(Set<NodeId> voters, Map<NodeId, Boolean> votes) {
        if (voters.isEmpty()) {
            return VoteResult.WON;
        }
        int granted = 0;
        int missing = 0;
        for (NodeId voter : voters) {
            Boolean v = votes.get(voter);
            if (v == null) {
                missing++;
            } else if (v) {
                granted++;
            }
        }
        int quorum = voters.size() / 2 + 1;
        if (granted >= quorum) {
            return VoteResult.WON;
        }
        return granted + missing >= quorum ? VoteResult.PENDING : VoteResult.LOST;
    }
}
