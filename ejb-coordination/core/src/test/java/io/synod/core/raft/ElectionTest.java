package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.Role;
import io.synod.core.log.MemoryLogStorage;
import io.synod.core.raft.RaftMessage.RequestVote;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.synod.core.raft.Network.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElectionTest {

    @Test
    void aNodeThatTimesOutPreVotesThenWinsTheElectionAndCommitsItsNoOp() {
        Network net = Network.of("a", "b", "c");

        net.elect("a");

        RaftNode a = net.node("a");
        assertThat(a.status().term()).isEqualTo(1);
        // pre-vote round first (term unchanged), then the real election in term 1
        assertThat(net.trace).anyMatch(t -> t.startsWith("RequestVote[") && t.contains("preVote=true"));
        assertThat(net.trace).anyMatch(t -> t.startsWith("RequestVote[") && t.contains("preVote=false"));
        // §3.4 no-op of the new term is committed everywhere
        assertThat(a.status().commitIndex()).isEqualTo(1);
        assertThat(net.node("b").status().leader()).contains(NodeId.of("a"));
        assertThat(net.node("c").status().commitIndex()).isEqualTo(1);
        assertThat(net.member("b").storage.hardState().vote()).contains(NodeId.of("a"));
    }

    @Test
    void aSingleVoterElectsItselfAndCommitsAlone() {
        Network net = Network.of("solo");
        net.elect("solo");
        net.node("solo").propose(bytes("x"));
        net.stabilize();
        assertThat(net.member("solo").applied).containsExactly("x");
    }

    @Test
    void followersReplicateAndApplyProposalsInOrder() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");

        net.node("a").propose(bytes("x=1"));
        net.node("a").propose(bytes("y=2"));
        net.stabilize();

        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).applied).as(id).containsExactly("x=1", "y=2");
        }
        assertThatThrownBy(() -> net.node("b").propose(bytes("z")))
                .isInstanceOf(NotLeaderException.class)
                .satisfies(e -> assertThat(((NotLeaderException) e).leaderHint()).contains(NodeId.of("a")));
    }

    @Test
    void aJoiningNodeWithAnEmptyConfigurationNeverCampaigns() {
        Network net = Network.of("a");
        net.add(NodeId.of("joiner"), new MemoryLogStorage());
        net.tick("joiner", 100);
        net.stabilize();
        assertThat(net.node("joiner").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.node("joiner").status().term()).isZero();
        assertThat(net.trace).isEmpty();
    }

    @Test
    void preVotePreventsAPartitionedNodeFromDisruptingTheLeaderWhenItReturns() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.isolate("c");

        // c times out again and again but never gains a pre-vote majority: its term stays put (§9.6)
        net.tick("c", 100);
        net.stabilize();
        assertThat(net.node("c").status().term()).isEqualTo(1);
        assertThat(net.node("c").status().role()).isEqualTo(Role.PRE_CANDIDATE);

        net.heal();
        net.tickAll(2);
        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("a").status().term()).isEqualTo(1);
        assertThat(net.node("c").status().leader()).contains(NodeId.of("a"));
    }

    @Test
    void withoutPreVoteTheReturningNodeDisruptsTheLeader() {
        Network net = Network.withConfig(id -> new RaftConfig(id, 7, 10, 1, false, false, 1 << 20, 256, 1024,
                java.util.Set.of()), "a", "b", "c");
        net.elect("a");
        net.isolate("c");
        net.tick("c", 100);
        net.stabilize();
        assertThat(net.node("c").status().term()).isGreaterThan(3);

        net.heal();
        net.tick("c", 30); // c campaigns with its inflated term
        net.stabilize();
        assertThat(net.node("a").status().term()).isGreaterThan(1); // deposed
    }

    @Test
    void followersWithALiveLeaderIgnoreVoteRequests() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        // c hears from nobody and is forced into a real election, bypassing pre-vote
        net.isolate("c");
        net.node("c").campaign(false, false);
        net.stabilize();
        net.heal();
        net.node("c").campaign(false, false);
        net.clearTrace();
        net.stabilize();

        // §4.2.3 leader stickiness: b heard from a within the election timeout, so it ignores c
        assertThat(net.node("b").status().term()).isEqualTo(1);
        assertThat(net.trace).noneMatch(t -> t.startsWith("VoteResponse[") && t.contains("from=b"));
        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);
    }

    @Test
    void checkQuorumMakesAnIsolatedLeaderStepDown() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.isolate("a");

        net.tick("a", 10);
        net.stabilize();
        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER); // first round: b, c were heard
        net.tick("a", 10);
        net.stabilize();

        // §6.2: no quorum heard within an election timeout
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.node("a").status().leader()).isEqualTo(Optional.empty());
    }

    @Test
    void theCandidateWithTheLessUpToDateLogLoses() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.cut("a", "c");
        net.node("a").propose(bytes("only-a-and-b"));
        net.stabilize();
        net.isolate("a");

        // c's log lacks index 2: b refuses its vote (§3.6.1), c cannot win
        net.tick("b", 1); // b has not timed out, but c campaigns directly
        net.node("c").campaign(false, true);
        net.stabilize();
        assertThat(net.node("c").status().role()).isNotEqualTo(Role.LEADER);
        assertThat(net.trace).anyMatch(t -> t.startsWith("VoteResponse[") && t.contains("from=b")
                && t.contains("granted=false"));
        assertThat(net.trace).anyMatch(t -> t.startsWith(RequestVote.class.getSimpleName()));
    }

    @Test
    void aRestartedMemberIgnoresVoteRequestsForAnElectionTimeout() {
        // it may have acknowledged a leader just before the crash; forgetting that would break the lease
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.restart("b");
        net.stabilize(); // re-applies its committed entries
        net.clearTrace();
        net.node("b").step(new RequestVote(7, NodeId.of("c"), NodeId.of("b"), 2, 9, 9, true, false));
        net.stabilize();
        assertThat(net.trace).isEmpty();
        assertThat(net.node("b").status().term()).isEqualTo(1);

        net.tick("b", 10);
        net.node("b").step(new RequestVote(7, NodeId.of("c"), NodeId.of("b"), 2, 9, 9, true, false));
        net.clearTrace();
        net.stabilize();
        assertThat(net.trace).anyMatch(t -> t.startsWith("VoteResponse[") && t.contains("from=b")
                && t.contains("granted=true") && t.contains("preVote=true"));
    }
}
