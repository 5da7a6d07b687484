package io.synod.core.raft;

import io.synod.core.consensus.NodeId;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/** Majority arithmetic over a voter set (learners never appear here). */
final class MajorityQuorum {

    enum VoteResult { PENDING, WON, LOST }

    private MajorityQuorum() {
    }

    /**
     * The largest value that a majority of voters has reached: for match indexes the commit candidate
     * (§3.6.2), for acknowledged read sequences the confirmed reads, for lease dates the lease start.
     * An empty voter set commits nothing.
     */
    static long quorumValue(Set<NodeId> voters, ToLongFunction<NodeId> value) {
        if (voters.isEmpty()) {
            return 0;
        }
        long[] values = new long[voters.size()];
        int i = 0;
        for (NodeId voter : voters) {
            values[i++] = value.applyAsLong(voter);
        }
        Arrays.sort(values);
        int quorum = voters.size() / 2 + 1;
        return values[values.length - quorum];
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
