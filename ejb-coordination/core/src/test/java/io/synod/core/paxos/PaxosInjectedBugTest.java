package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Role;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Prepare;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.synod.core.paxos.PaxosNetwork.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Each injected bug must break "at most one value is chosen per slot" in a scenario the correct engine survives. */
class PaxosInjectedBugTest {

    private static PaxosNetwork net(Set<PaxosInjectedBug> bugs) {
        return PaxosNetwork.withConfig(id -> PaxosNetwork.config(id).withBugs(bugs), "a", "b", "c");
    }

    /** a leads; b takes over with c's promise while a, cut off from b, keeps proposing to c. */
    private static PaxosNetwork staleLeaderProposes(Set<PaxosInjectedBug> bugs) {
        PaxosNetwork net = net(bugs);
        net.elect("a");
        net.cut("a", "b");
        net.dropWhere(m -> m instanceof Prepare && m.from().equals(NodeId.of("c")));
        assertThat(net.tickUntilLeader("b", "c")).isEqualTo("b");
        net.dropWhere(m -> false);
        net.node("a").propose(bytes("x")); // slot 2, where b's no-op is already chosen
        net.stabilize();
        return net;
    }

    @Test
    void acceptWithoutPromiseCheckLetsAStaleLeaderChooseASecondValue() {
        PaxosNetwork net = staleLeaderProposes(Set.of(PaxosInjectedBug.ACCEPT_WITHOUT_PROMISE_CHECK));
        assertThat(net.violations).anyMatch(v -> v.startsWith("slot 2:"));
    }

    @Test
    void withThePromiseCheckTheStaleLeaderIsRefusedAndStepsDown() {
        PaxosNetwork net = staleLeaderProposes(Set.of());
        assertThat(net.violations).isEmpty();
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.member("a").applied).isEmpty();
    }

    /** x is chosen by a and b; c never saw it and must take over (b's prepares are lost). */
    private static PaxosNetwork takeOverAfterAChoiceTheNewLeaderMissed(Set<PaxosInjectedBug> bugs) {
        PaxosNetwork net = net(bugs);
        net.elect("a");
        net.dropWhere(m -> m instanceof Accept a && m.to().equals(NodeId.of("c"))
                && a.entries().stream().anyMatch(e -> e.index() == 2));
        net.node("a").propose(bytes("x"));
        net.stabilize();
        net.isolate("a");
        net.dropWhere(m -> m instanceof Prepare && m.from().equals(NodeId.of("b")));
        assertThat(net.tickUntilLeader("b", "c")).isEqualTo("c");
        net.node("c").propose(bytes("y"));
        net.stabilize();
        return net;
    }

    @Test
    void skippingAdoptionOverwritesAChosenValue() {
        PaxosNetwork net = takeOverAfterAChoiceTheNewLeaderMissed(Set.of(PaxosInjectedBug.SKIP_ADOPT_HIGHEST_ACCEPTED));
        assertThat(net.member("a").applied).containsExactly("x");
        assertThat(net.violations).anyMatch(v -> v.startsWith("slot 2:"));
    }

    @Test
    void adoptingTheHighestAcceptedValueKeepsTheChoice() {
        PaxosNetwork net = takeOverAfterAChoiceTheNewLeaderMissed(Set.of());
        assertThat(net.violations).isEmpty();
        assertThat(net.member("c").applied).containsExactly("x", "y");
    }
}
