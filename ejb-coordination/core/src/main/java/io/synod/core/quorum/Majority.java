package io.synod.core.quorum;

import io.synod.core.consensus.NodeId;

import java.util.Arrays;
import java.util.Set;
import java.util.function.ToLongFunction;

/** Majority arithmetic over a voter set (learners never appear here). */
public final class Majority {

    private Majority() {
    }

    /**
     * The largest value that a majority of voters has reached: for match indexes / matched slots the commit
     * candidate (Raft §3.6.2) or chosen prefix, for acknowledged read sequences the confirmed reads, for lease
     * dates the lease start. An empty voter set reaches nothing.
     */
    public static long quorumValue(Set<NodeId> voters, ToLongFunction<NodeId> value) {
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
}
