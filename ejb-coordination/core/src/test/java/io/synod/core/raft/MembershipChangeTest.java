package io.synod.core.raft;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.consensus.Role;
import io.synod.core.log.MemoryLogStorage;
import org.junit.jupiter.api.Test;

import static io.synod.core.consensus.ConfChange.Kind.ADD_LEARNER;
import static io.synod.core.consensus.ConfChange.Kind.ADD_VOTER;
import static io.synod.core.consensus.ConfChange.Kind.REMOVE;
import static io.synod.core.raft.Network.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MembershipChangeTest {

    private static final NodeId D = NodeId.of("d");

    @Test
    void aLearnerJoinsCatchesUpWithoutVotingAndIsThenPromoted() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();

        net.add(D, new MemoryLogStorage());
        net.node("a").proposeConfChange(new ConfChange(ADD_LEARNER, D));
        net.stabilize();

        RaftNode d = net.node("d");
        assertThat(d.status().role()).isEqualTo(Role.LEARNER);
        assertThat(d.status().confState().voters()).extracting(NodeId::value).containsExactly("a", "b", "c");
        assertThat(net.member("d").applied).containsExactly("x");
        // a learner never campaigns and is never counted
        net.isolate("a");
        net.tick("d", 100);
        net.stabilize();
        assertThat(d.status().role()).isEqualTo(Role.LEARNER);
        assertThat(d.status().term()).isEqualTo(1);
        net.heal();

        net.node("a").proposeConfChange(new ConfChange(ADD_VOTER, D));
        net.stabilize();
        assertThat(d.status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.node("a").status().confState().voters()).hasSize(4);
        assertThat(net.member("b").conf.voters()).contains(D); // shells track it via ConfChangeCodec

        // with four voters a quorum is three: a and d alone cannot commit
        net.isolate("b");
        net.isolate("c");
        net.node("a").propose(bytes("needs-three"));
        net.stabilize();
        assertThat(net.member("a").applied).doesNotContain("needs-three");
        net.heal();
        net.tickAll(1);
        assertThat(net.member("a").applied).contains("needs-three");
    }

    @Test
    void aMemberThatKnowsNoConfigurationGrantsNoVote() {
        // e.g. a removed member whose data directory was wiped and that restarts under the same id: its
        // vote could complete a majority of a stale configuration that still lists it (amnesia)
        Network net = Network.of("a", "b", "c");
        net.add(D, new MemoryLogStorage());
        net.node("d").step(new RaftMessage.RequestVote(7, NodeId.of("a"), D, 3, 0, 0, true, false));
        net.node("d").step(new RaftMessage.RequestVote(7, NodeId.of("a"), D, 3, 0, 0, false, false));
        net.stabilize();
        assertThat(net.trace).hasSize(2).allMatch(t -> t.startsWith("VoteResponse[") && t.contains("granted=false"));
        assertThat(net.member("d").storage.hardState().vote()).isEmpty();
    }

    @Test
    void onlyOneConfigurationChangeMayBePendingAtATime() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.node("a").proposeConfChange(new ConfChange(ADD_LEARNER, D));
        assertThatThrownBy(() -> net.node("a").proposeConfChange(new ConfChange(ADD_VOTER, D)))
                .isInstanceOf(ProposalDroppedException.class)
                .hasMessageContaining("pending");
        net.stabilize();
        net.node("a").proposeConfChange(new ConfChange(ADD_VOTER, D)); // applied now: accepted
        assertThatThrownBy(() -> net.node("a").proposeConfChange(new ConfChange(REMOVE, NodeId.of("zz"))))
                .isInstanceOf(ProposalDroppedException.class);
    }

    @Test
    void aChangeTakesEffectWhenAppendedAndIsRevertedWhenTruncated() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.isolate("a");
        net.node("a").proposeConfChange(new ConfChange(REMOVE, NodeId.of("c"))); // will never commit
        net.stabilize();
        // §4.1: effective in a's log at once, before any commit
        assertThat(net.node("a").status().confState().voters()).extracting(NodeId::value).containsExactly("a", "b");

        String leader = net.tickUntilLeader("b", "c");
        net.node(leader).propose(bytes("y"));
        net.stabilize();
        net.heal();
        net.tickAll(2);

        // the new leader overwrote a's tail: the change is gone, and so is its effect
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.node("a").status().confState().voters()).extracting(NodeId::value)
                .containsExactly("a", "b", "c");
        assertThat(net.member("a").applied).containsExactly("y");
    }

    @Test
    void removingAFollowerShrinksTheQuorum() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.node("a").proposeConfChange(new ConfChange(REMOVE, NodeId.of("c")));
        net.stabilize();
        net.isolate("c");
        net.node("a").propose(bytes("two-of-two"));
        net.stabilize();
        assertThat(net.member("b").applied).containsExactly("two-of-two");
        // c is no longer sent anything, so it may never learn of its removal (§4.2.3): it times out, but
        // pre-vote and leader stickiness keep it from disrupting the remaining members
        net.heal();
        net.tick("c", 100);
        net.stabilize();
        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("a").status().term()).isEqualTo(1);
        assertThat(net.node("c").status().term()).isEqualTo(1);
    }

    @Test
    void aRemovedLeaderStepsDownOnceTheChangeCommitsAndTheOthersElectALeader() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.node("a").proposeConfChange(new ConfChange(REMOVE, NodeId.of("a")));
        net.processReady(net.member("a"));
        // §4.2.2: still leading (not counting itself) until the new configuration commits
        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);
        net.stabilize();

        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.node("b").status().commitIndex()).isEqualTo(2);
        String leader = net.tickUntilLeader("b", "c");
        net.node(leader).propose(bytes("without-a"));
        net.stabilize();
        assertThat(net.member("b").applied).containsExactly("without-a");
        assertThat(net.member("a").applied).isEmpty();
    }

    @Test
    void confChangePayloadsCarryTheChangeAndTheResultingConfiguration() {
        var after = new io.synod.core.consensus.ConfState(java.util.Set.of(NodeId.of("a"), NodeId.of("b")),
                java.util.Set.of(NodeId.of("node-7.x_y")));
        for (ConfChange.Kind kind : ConfChange.Kind.values()) {
            ConfChange change = new ConfChange(kind, NodeId.of("node-7.x_y"));
            byte[] payload = ConfChangeCodec.encode(change, after);
            assertThat(ConfChangeCodec.decode(payload)).isEqualTo(change);
            assertThat(ConfChangeCodec.confStateAfter(payload)).isEqualTo(after);
        }
        assertThatThrownBy(() -> ConfChangeCodec.decode(bytes("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
