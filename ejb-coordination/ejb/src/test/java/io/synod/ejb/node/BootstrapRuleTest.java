package io.synod.ejb.node;

import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapRuleTest {

    private static List<NodeId> ids(String... values) {
        return java.util.Arrays.stream(values).map(NodeId::of).toList();
    }

    @Test
    void waitsUntilTheExpectedCountIsVisible() {
        assertThat(BootstrapRule.firstVoters(3, ids("n1", "n2"))).isEmpty();
    }

    @Test
    void takesExactlyTheExpectedCountOfSmallestIdsWhateverTheOrderSeen() {
        assertThat(BootstrapRule.firstVoters(3, ids("n3", "n1", "n2"))).contains(Set.copyOf(ids("n1", "n2", "n3")));
        assertThat(BootstrapRule.firstVoters(3, ids("n4", "n2", "n3", "n1"))).contains(Set.copyOf(ids("n1", "n2", "n3")));
    }

    @Test
    void singleNodeClusterBootstrapsAlone() {
        assertThat(BootstrapRule.firstVoters(1, ids("solo"))).contains(Set.of(NodeId.of("solo")));
    }

    @Test
    void rejectsANonPositiveCount() {
        assertThatThrownBy(() -> BootstrapRule.firstVoters(0, ids("n1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
