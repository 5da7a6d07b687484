package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.Role;
import io.synod.core.paxos.PaxosMessage.Nack;
import io.synod.core.paxos.PaxosMessage.Prepare;
import io.synod.core.paxos.PaxosMessage.Promise;
import org.junit.jupiter.api.Test;

import static io.synod.core.paxos.PaxosNetwork.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaxosElectionTest {

    @Test
    void aVoterWhoseTimerFiresWinsPhaseOneWithAMajorityOfPromises() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");

        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.count(Prepare.class)).isEqualTo(2);
        assertThat(net.count(Promise.class)).isEqualTo(2);
        long ballot = net.node("a").status().term();
        assertThat(Ballot.decode(ballot).ownedBy(NodeId.of("a"))).isTrue();
        // every member promised a's ballot, durably, to a
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).storage.hardState().term()).isEqualTo(ballot);
            assertThat(net.member(id).storage.hardState().vote()).contains(NodeId.of("a"));
        }
        // the new leader's first slot (its no-op) is chosen and learned everywhere by the commit notification
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.node(id).status().commitIndex()).isEqualTo(1);
            assertThat(net.node(id).status().leader()).contains(NodeId.of("a"));
        }
    }

    @Test
    void ballotsAreTotallyOrderedByRoundThenProposer() {
        Ballot a1 = Ballot.of(1, NodeId.of("a"));
        Ballot b1 = Ballot.of(1, NodeId.of("b"));
        Ballot a2 = Ballot.of(2, NodeId.of("a"));
        assertThat(a2.encode()).isGreaterThan(a1.encode()).isGreaterThan(0);
        assertThat(a2.encode()).isGreaterThan(b1.encode());
        assertThat(a1.encode()).isNotEqualTo(b1.encode());
        assertThat(Ballot.decode(a2.encode())).isEqualTo(a2);
        assertThat(Ballot.of((1L << 32) - 1, NodeId.of("zz")).encode()).isPositive();
    }

    @Test
    void followersRejectProposalsWithALeaderHint() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        assertThatThrownBy(() -> net.node("b").propose(bytes("x")))
                .isInstanceOf(NotLeaderException.class)
                .hasMessageContaining("the leader is a");
    }

    @Test
    void aHigherBallotPreemptsTheLeaderOnceItsLeaseLapsedAndTheLowerBallotIsNacked() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();
        long first = net.node("a").status().term();

        net.isolate("a");
        String next = net.tickUntilLeader("b", "c");
        assertThat(net.node(next).status().term()).isGreaterThan(first);

        // the old leader, back, tries to accept under its stale ballot: refused with the higher ballot
        net.heal();
        net.node("a").propose(bytes("stale"));
        net.stabilize();
        assertThat(net.count(Nack.class)).isGreaterThan(0);
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        net.tickAll(3);
        assertThat(net.member(next).applied).containsExactly("x");
        assertThat(net.member("a").applied).containsExactly("x");
        assertThat(net.violations).isEmpty();
    }

    @Test
    void stickyAcceptorsIgnorePrepareWhileTheLeaderIsAlive() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.cut("a", "c");
        // c no longer hears from a: it campaigns, but b follows a live leader and ignores c's prepare
        for (int i = 0; i < 40; i++) {
            net.tickAll(1);
        }
        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("c").status().role()).isNotEqualTo(Role.LEADER);
    }

    @Test
    void competingCandidatesBackOffAndOneWins() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c", "d", "e");
        String winner = net.tickUntilLeader("a", "b", "c", "d", "e");
        net.tickAll(5);
        assertThat(net.leader()).map(PaxosNode::id).contains(NodeId.of(winner));
        long leaders = net.members().values().stream()
                .filter(m -> m.node.status().role() == Role.LEADER).count();
        assertThat(leaders).isEqualTo(1);
    }

    @Test
    void restartKeepsThePromiseSoALowerBallotIsStillRefused() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        long promised = net.node("b").status().term();
        net.restart("b");
        assertThat(net.node("b").status().term()).isEqualTo(promised);
        // a prepare below the promise (as from a stale proposer) is refused after the restart
        long lower = Ballot.of(Ballot.decode(promised).round() - 1 + 0, NodeId.of("c")).encode();
        net.clearTrace();
        net.node("b").step(new Prepare(7, NodeId.of("c"), NodeId.of("b"), Math.min(lower, promised - 1), 1, true));
        net.processReady(net.member("b"));
        assertThat(net.takePending()).singleElement().isInstanceOf(Nack.class);
        assertThat(net.member("b").storage.hardState().term()).isEqualTo(promised);
    }

    @Test
    void aMemberThatKnowsNoConfigurationPromisesNothing() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        PaxosNetwork.Member<PaxosNode> joiner = net.add(NodeId.of("z"), new io.synod.core.log.MemoryLogStorage());
        joiner.node.step(new Prepare(7, NodeId.of("a"), NodeId.of("z"), Ballot.of(3, NodeId.of("a")).encode(), 1, true));
        net.processReady(joiner);
        assertThat(net.takePending()).isEmpty();
        assertThat(joiner.storage.hardState().term()).isZero();
    }
}
