package io.synod.ejb.membership;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.PeerProgress;
import io.synod.core.consensus.Role;
import io.synod.ejb.runtime.RuntimeStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipStewardTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private static final NodeId N3 = NodeId.of("n3");
    private static final NodeId N4 = NodeId.of("n4");
    private static final NodeId N5 = NodeId.of("n5");
    private static final ConfState THREE = ConfState.ofVoters(Set.of(N1, N2, N3));

    @Test
    void aLeaderAddsTheSmallestWaitingJoinerAsLearnerOneAtATime() {
        MembershipSteward steward = new MembershipSteward(new MembershipPolicy(true, 10, 3));

        assertThat(steward.next(leader(1, THREE, 100, Map.of()), Set.of(N5, N4)))
                .contains(new ConfChange(ConfChange.Kind.ADD_LEARNER, N4));
    }

    @Test
    void onlyALeaderProposesAndNeverForMembersOrItself() {
        MembershipSteward steward = new MembershipSteward(new MembershipPolicy(true, 10, 3));

        assertThat(steward.next(status(Role.FOLLOWER, 1, THREE, 100, Map.of()), Set.of(N4))).isEmpty();
        assertThat(steward.next(leader(1, THREE, 100, Map.of()), Set.of(N1, N2))).isEmpty();
    }

    @Test
    void aLearnerIsPromotedOnlyAfterStayingCaughtUpForTheSteadyChecks() {
        MembershipSteward steward = new MembershipSteward(new MembershipPolicy(true, 10, 3));
        ConfState withLearner = new ConfState(Set.of(N1, N2, N3), Set.of(N4));
        RuntimeStatus caughtUp = leader(1, withLearner, 100, Map.of(N4, progress(N4, 95)));
        RuntimeStatus behind = leader(1, withLearner, 100, Map.of(N4, progress(N4, 80)));

        assertThat(steward.next(caughtUp, Set.of())).isEmpty();
        assertThat(steward.next(caughtUp, Set.of())).isEmpty();
        assertThat(steward.next(behind, Set.of())).as("falling behind starts the count again").isEmpty();
        assertThat(steward.next(caughtUp, Set.of())).isEmpty();
        assertThat(steward.next(caughtUp, Set.of())).isEmpty();
        assertThat(steward.next(caughtUp, Set.of(N5))).contains(new ConfChange(ConfChange.Kind.ADD_VOTER, N4));
    }

    @Test
    void aNewTermStartsTheCountAgainAndAutoPromoteOffLeavesLearnersAlone() {
        ConfState withLearner = new ConfState(Set.of(N1, N2, N3), Set.of(N4));
        MembershipSteward steward = new MembershipSteward(new MembershipPolicy(true, 10, 2));
        assertThat(steward.next(leader(1, withLearner, 100, Map.of(N4, progress(N4, 100))), Set.of())).isEmpty();
        assertThat(steward.next(leader(2, withLearner, 100, Map.of(N4, progress(N4, 100))), Set.of()))
                .as("progress counted under another term does not carry over").isEmpty();
        assertThat(steward.next(leader(2, withLearner, 100, Map.of(N4, progress(N4, 100))), Set.of())).isPresent();

        MembershipSteward manual = new MembershipSteward(new MembershipPolicy(false, 10, 1));
        for (int i = 0; i < 5; i++) {
            assertThat(manual.next(leader(1, withLearner, 100, Map.of(N4, progress(N4, 100))), Set.of())).isEmpty();
        }
        assertThat(manual.next(leader(1, withLearner, 100, Map.of(N4, progress(N4, 100))), Set.of(N5)))
                .as("joiners are still added").contains(new ConfChange(ConfChange.Kind.ADD_LEARNER, N5));
    }

    private static RuntimeStatus leader(long term, ConfState conf, long lastIndex, Map<NodeId, PeerProgress> progress) {
        return status(Role.LEADER, term, conf, lastIndex, progress);
    }

    private static RuntimeStatus status(Role role, long term, ConfState conf, long lastIndex,
                                        Map<NodeId, PeerProgress> progress) {
        return new RuntimeStatus(N1, role, term, role == Role.LEADER ? Optional.of(N1) : Optional.of(N2), lastIndex,
                lastIndex, 1, lastIndex, 0, conf, true, progress);
    }

    private static PeerProgress progress(NodeId peer, long match) {
        return new PeerProgress(peer, match, match + 1, "REPLICATE", true, true);
    }
}
