package io.synod.admin.cluster;

import io.synod.core.consensus.ConfChange.Kind;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfChangeFitTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N4 = NodeId.of("n4");
    private static final NodeId N9 = NodeId.of("n9");
    private static final ConfState CONF = new ConfState(Set.of(N1, NodeId.of("n2"), NodeId.of("n3")), Set.of(N4));

    @Test
    void changesThatFitTheConfiguration() {
        assertThat(ConfChangeFit.misfit(Kind.ADD_LEARNER, N9, CONF)).isEmpty();
        assertThat(ConfChangeFit.misfit(Kind.ADD_VOTER, N4, CONF)).isEmpty();
        assertThat(ConfChangeFit.misfit(Kind.REMOVE, N4, CONF)).isEmpty();
        assertThat(ConfChangeFit.misfit(Kind.REMOVE, N1, CONF)).isEmpty();
    }

    @Test
    void changesThatDoNotSayWhy() {
        assertThat(ConfChangeFit.misfit(Kind.ADD_LEARNER, N1, CONF)).contains("n1 is already a voter");
        assertThat(ConfChangeFit.misfit(Kind.ADD_LEARNER, N4, CONF)).contains("n4 is already a learner");
        assertThat(ConfChangeFit.misfit(Kind.ADD_VOTER, N1, CONF)).contains("n1 is not a learner (already a voter)");
        assertThat(ConfChangeFit.misfit(Kind.ADD_VOTER, N9, CONF)).contains("n9 is not a learner; add it as a learner first");
        assertThat(ConfChangeFit.misfit(Kind.REMOVE, N9, CONF)).contains("n9 is not a member of the configuration");
    }
}
