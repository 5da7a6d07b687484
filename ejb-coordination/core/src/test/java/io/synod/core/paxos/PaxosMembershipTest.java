package io.synod.core.paxos;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.consensus.Role;
import io.synod.core.log.MemoryLogStorage;
import io.synod.core.paxos.PaxosMessage.Accept;
import org.junit.jupiter.api.Test;

import static io.synod.core.paxos.PaxosNetwork.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaxosMembershipTest {

    private static ConfChange add(String id) {
        return new ConfChange(ConfChange.Kind.ADD_VOTER, NodeId.of(id));
    }

    @Test
    void anAddedVoterCatchesUpAndCountsTowardsTheMajority() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();
        net.add(NodeId.of("d"), new MemoryLogStorage());
        net.node("a").proposeConfChange(add("d"));
        net.stabilize();
        assertThat(net.node("a").status().confState().voters()).extracting(NodeId::value)
                .containsExactly("a", "b", "c", "d");
        assertThat(net.member("d").applied).containsExactly("x");
        assertThat(net.member("d").conf.voters()).hasSize(4);

        // four voters: a majority is three. With b and c away, a and d cannot choose anything...
        net.isolate("b");
        net.isolate("c");
        net.node("a").propose(bytes("y"));
        net.stabilize();
        assertThat(net.member("a").applied).containsExactly("x");
        // ...with c back they can
        net.heal();
        net.isolate("b");
        net.tickAll(2);
        assertThat(net.member("d").applied).containsExactly("x", "y");
        assertThat(net.violations).isEmpty();
    }

    @Test
    void learnersLearnEveryValueButNeverCount() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.add(NodeId.of("l"), new MemoryLogStorage());
        net.node("a").proposeConfChange(new ConfChange(ConfChange.Kind.ADD_LEARNER, NodeId.of("l")));
        net.stabilize();
        net.node("a").propose(bytes("x"));
        net.stabilize();
        assertThat(net.member("l").applied).containsExactly("x");
        assertThat(net.node("l").status().role()).isEqualTo(Role.LEARNER);

        net.isolate("b");
        net.isolate("c");
        net.node("a").propose(bytes("y"));
        net.tickAll(3);
        assertThat(net.node("a").status().commitIndex()).isEqualTo(3); // l accepted y, yet y is not chosen
        assertThat(net.member("l").applied).containsExactly("x");
        // a learner never campaigns
        for (int i = 0; i < 50; i++) {
            net.node("l").tick();
        }
        assertThat(net.node("l").status().role()).isEqualTo(Role.LEARNER);
    }

    @Test
    void stopTheWorldNothingPastAnUnchosenConfigurationSlotIsSent() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.add(NodeId.of("d"), new MemoryLogStorage());
        net.dropWhere(m -> m instanceof PaxosMessage.Accepted || m instanceof PaxosMessage.HeartbeatAck);
        long confSlot = net.node("a").proposeConfChange(add("d")).index();
        long after = net.node("a").propose(bytes("x")).index();
        assertThat(after).isEqualTo(confSlot + 1);
        net.tickAll(3);
        assertThat(net.trace.stream().filter(t -> t.startsWith("Accept[")))
                .isNotEmpty()
                .noneMatch(t -> t.contains(".." + after + " "));
        assertThatThrownBy(() -> net.node("a").proposeConfChange(add("e")))
                .isInstanceOf(ProposalDroppedException.class).hasMessageContaining("pending");

        net.heal();
        net.tickAll(3);
        for (String id : new String[] {"a", "b", "c", "d"}) {
            assertThat(net.member(id).applied).containsExactly("x");
        }
        assertThat(net.violations).isEmpty();
    }

    @Test
    void aRemovedVoterNoLongerCountsAndARemovedLeaderStepsDown() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").proposeConfChange(new ConfChange(ConfChange.Kind.REMOVE, NodeId.of("c")));
        net.stabilize();
        net.isolate("c");
        net.node("a").propose(bytes("x")); // {a, b}: both needed, both there
        net.stabilize();
        assertThat(net.member("b").applied).containsExactly("x");

        net.node("a").proposeConfChange(new ConfChange(ConfChange.Kind.REMOVE, NodeId.of("a")));
        net.stabilize();
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        String leader = net.tickUntilLeader("a", "b");
        assertThat(leader).isEqualTo("b"); // a is no voter any more
        net.node("b").propose(bytes("y"));
        net.stabilize();
        assertThat(net.member("b").applied).containsExactly("x", "y");
        assertThat(net.violations).isEmpty();
    }

    @Test
    void aNewLeaderNeedsAMajorityOfTheConfigurationItAdopts() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.add(NodeId.of("d"), new MemoryLogStorage());
        // the configuration slot reaches b only: chosen by {a, b}; c still believes in {a, b, c}
        net.dropWhere(m -> m instanceof Accept && m.to().equals(NodeId.of("c")));
        net.node("a").proposeConfChange(add("d"));
        net.stabilize();
        net.heal();
        net.isolate("a");
        net.isolate("d");
        // c campaigns from its own view; b's promise reports {a, b, c, d}: b and c are no majority of four
        net.dropWhere(m -> m instanceof PaxosMessage.Prepare && m.from().equals(NodeId.of("b")));
        for (int i = 0; i < 60; i++) {
            net.node("b").tick();
            net.node("c").tick();
            net.stabilize();
        }
        assertThat(net.node("c").status().role()).isNotEqualTo(Role.LEADER);
        // with d reachable, c completes phase 1 under both configurations
        net.heal();
        net.isolate("a");
        net.dropWhere(m -> m instanceof PaxosMessage.Prepare && m.from().equals(NodeId.of("b")));
        String leader = net.tickUntilLeader("c", "d", "b");
        assertThat(leader).isIn("c", "d");
        assertThat(net.violations).isEmpty();
    }

    @Test
    void phaseOneSpansEveryConfigurationAmongTheAdoptedValues() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.add(NodeId.of("d"), new MemoryLogStorage());
        net.add(NodeId.of("e"), new MemoryLogStorage());
        net.dropWhere(m -> m instanceof Accept && m.to().equals(NodeId.of("c")));
        net.node("a").proposeConfChange(add("d")); // slot 2, chosen by {a, b} of {a, b, c}
        net.stabilize();
        net.node("a").proposeConfChange(add("e")); // slot 3, chosen by {a, b, d} of {a, b, c, d}
        net.stabilize();
        net.dropWhere(m -> m instanceof Accept && (m.to().equals(NodeId.of("c")) || m.to().equals(NodeId.of("b"))));
        net.node("a").propose(bytes("x")); // slot 4, chosen by {a, d, e} of five
        net.stabilize();
        assertThat(net.node("a").status().commitIndex()).isEqualTo(4);
        assertThat(net.node("c").status().commitIndex()).isEqualTo(1); // c still believes in {a, b, c}

        // c campaigns with only b reachable: {b, c} is a majority of {a, b, c}, but b reports two
        // configuration slots, and {b, c} is no majority of {a, b, c, d} or of five: no leadership
        net.heal();
        for (String away : new String[] {"a", "d", "e"}) {
            net.isolate(away);
        }
        net.dropWhere(m -> m instanceof PaxosMessage.Prepare && m.from().equals(NodeId.of("b")));
        for (int i = 0; i < 80; i++) {
            net.node("b").tick();
            net.node("c").tick();
            net.stabilize();
            assertThat(net.node("c").status().role()).isNotEqualTo(Role.LEADER);
        }
        // with d back, c's promises span all three configurations and d reports x: c keeps it
        net.heal();
        net.isolate("a");
        net.isolate("e");
        net.dropWhere(m -> m instanceof PaxosMessage.Prepare && !m.from().equals(NodeId.of("c")));
        assertThat(net.tickUntilLeader("b", "c", "d")).isEqualTo("c");
        net.stabilize();
        assertThat(new String(net.member("c").storage.entries(4, 5, 100).get(0).data())).isEqualTo("x");
        net.heal();
        net.tickAll(3);
        assertThat(net.member("c").applied).containsExactly("x");
        assertThat(net.violations).isEmpty();
    }

    /** Simulation seed 1975: a voter added before it caught up, and a crashed one, must not block phase 1. */
    @Test
    void withFourVotersTwoPromisesSufficeForPhaseOne() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.add(NodeId.of("d"), new MemoryLogStorage());
        net.isolate("d"); // d never hears anything: it knows no configuration and promises nothing
        net.node("a").proposeConfChange(add("d"));
        net.node("a").propose(bytes("x"));
        net.stabilize();
        assertThat(net.node("b").status().confState().voters()).hasSize(4);
        net.isolate("a"); // a crashes for good: of four voters only b and c answer
        net.isolate("d");
        String leader = net.tickUntilLeader("b", "c");
        net.node(leader).propose(bytes("y")); // phase 2 still needs three: it waits for d
        net.stabilize();
        assertThat(net.member(leader).applied).containsExactly("x");
        net.heal();
        net.isolate("a");
        net.tickAll(5);
        for (String id : new String[] {"b", "c", "d"}) {
            assertThat(net.member(id).applied).containsExactly("x", "y");
        }
        assertThat(net.violations).isEmpty();
    }

    /** Simulation seed 52: a configuration slot proposed over open slots described a configuration nobody agreed on. */
    @Test
    void aConfigurationSlotIsOnlyProposedOnceEveryEarlierSlotIsChosen() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.isolate("b");
        net.isolate("c");
        net.node("a").propose(bytes("open")); // slot 2 cannot be chosen now
        assertThatThrownBy(() -> net.node("a").proposeConfChange(
                new ConfChange(ConfChange.Kind.REMOVE, NodeId.of("c"))))
                .isInstanceOf(ProposalDroppedException.class).hasMessageContaining("not all chosen");
        net.heal();
        net.tickAll(2);
        net.node("a").proposeConfChange(new ConfChange(ConfChange.Kind.REMOVE, NodeId.of("c")));
        net.stabilize();
        assertThat(net.node("b").status().confState().voters()).extracting(NodeId::value).containsExactly("a", "b");
    }

    /** Ballots carry a 31-bit tag of the proposer's id: a member whose tag collides would share ballots. */
    @Test
    void aMemberWhoseBallotTagCollidesIsRefused() {
        assertThat(Ballot.tagOf(NodeId.of("m329698"))).isEqualTo(Ballot.tagOf(NodeId.of("m901416")));
        PaxosNetwork net = PaxosNetwork.of("a", "b", "m329698");
        net.elect("a");
        assertThatThrownBy(() -> net.node("a").proposeConfChange(
                new ConfChange(ConfChange.Kind.ADD_LEARNER, NodeId.of("m901416"))))
                .isInstanceOf(ProposalDroppedException.class).hasMessageContaining("share ballots");
        net.node("a").proposeConfChange(new ConfChange(ConfChange.Kind.ADD_LEARNER, NodeId.of("m901417")));
    }
}
