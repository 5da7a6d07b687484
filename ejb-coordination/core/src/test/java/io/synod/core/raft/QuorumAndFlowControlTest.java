package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.quorum.Majority;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuorumAndFlowControlTest {

    private static final Set<NodeId> FIVE = Set.of(NodeId.of("a"), NodeId.of("b"), NodeId.of("c"), NodeId.of("d"),
            NodeId.of("e"));

    @Test
    void theCommitCandidateIsTheValueAMajorityHasReached() {
        Map<String, Long> match = Map.of("a", 9L, "b", 7L, "c", 5L, "d", 3L, "e", 1L);
        assertThat(Majority.quorumValue(FIVE, id -> match.get(id.value()))).isEqualTo(5);
        assertThat(Majority.quorumValue(Set.of(), id -> 1)).isZero();
    }

    @Test
    void anElectionIsWonLostOrStillOpen() {
        Map<NodeId, Boolean> votes = new java.util.HashMap<>();
        votes.put(NodeId.of("a"), true);
        votes.put(NodeId.of("b"), true);
        assertThat(MajorityQuorum.voteResult(FIVE, votes)).isEqualTo(MajorityQuorum.VoteResult.PENDING);
        votes.put(NodeId.of("c"), false);
        votes.put(NodeId.of("d"), false);
        assertThat(MajorityQuorum.voteResult(FIVE, votes)).isEqualTo(MajorityQuorum.VoteResult.PENDING);
        votes.put(NodeId.of("e"), true);
        assertThat(MajorityQuorum.voteResult(FIVE, votes)).isEqualTo(MajorityQuorum.VoteResult.WON);
        votes.put(NodeId.of("e"), false);
        assertThat(MajorityQuorum.voteResult(FIVE, votes)).isEqualTo(MajorityQuorum.VoteResult.LOST);
    }

    @Test
    void progressMovesBetweenProbeReplicateAndSnapshot() {
        Progress p = new Progress(11, 2, false);
        assertThat(p.isPaused()).isFalse();
        p.probeSent = true;
        assertThat(p.isPaused()).isTrue(); // one probe at a time

        // a rejection of prev=10 with the follower's hint 4: jump straight to 5
        assertThat(p.maybeDecrTo(10, 4)).isTrue();
        assertThat(p.next).isEqualTo(5);
        assertThat(p.maybeDecrTo(10, 4)).isFalse(); // stale: we already moved on

        assertThat(p.maybeUpdate(8)).isTrue();
        p.becomeReplicate();
        assertThat(p.next).isEqualTo(9);
        p.optimisticUpdate(12);
        p.inflights.add(12);
        p.optimisticUpdate(15);
        p.inflights.add(15);
        assertThat(p.isPaused()).isTrue(); // window of 2 full
        p.inflights.freeUpTo(12);
        assertThat(p.isPaused()).isFalse();

        p.becomeSnapshot(40);
        assertThat(p.isPaused()).isTrue();
        p.becomeProbe();
        assertThat(p.next).isEqualTo(41); // right after the snapshot
    }
}
