package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.function.ToLongFunction;

/** Majority arithmetic over a voter set; learners never appear here. */
final class QuorumTally {

    private QuorumTally() {
    }

    /**
     * The largest value a majority of voters has reached: for matched slots the chosen prefix, for read
     * sequences the confirmed reads, for lease dates the lease start. An empty voter set reaches nothing.
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
        return values[values.length - (voters.size() / 2 + 1)];
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
