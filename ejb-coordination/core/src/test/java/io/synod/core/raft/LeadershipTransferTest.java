package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.consensus.Role;
import org.junit.jupiter.api.Test;

import static io.synod.core.raft.Network.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadershipTransferTest {

    @Test
    void theLeaderCatchesTheTargetUpThenSendsTimeoutNowAndTheTargetWinsAtOnce() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.cut("a", "b");
        net.node("a").propose(bytes("x")); // b lags behind
        net.stabilize();
        net.heal();
        net.clearTrace();

        net.node("a").transferLeadership(NodeId.of("b"));
        // §3.10: no new proposals while the transfer is under way
        assertThatThrownBy(() -> net.node("a").propose(bytes("y")))
                .isInstanceOf(ProposalDroppedException.class);
        net.stabilize();

        assertThat(net.trace).anyMatch(t -> t.startsWith("AppendEntries[a->b"));
        assertThat(net.trace).anyMatch(t -> t.startsWith("TimeoutNow[") && t.contains("to=b"));
        // b skipped pre-vote and election timeout; followers gave up stickiness for a transfer election
        assertThat(net.trace).anyMatch(t -> t.startsWith("RequestVote[") && t.contains("transfer=true")
                && t.contains("preVote=false"));
        assertThat(net.node("b").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("b").status().term()).isEqualTo(2);
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.member("b").applied).containsExactly("x");
    }

    @Test
    void aTransferThatCannotCompleteIsAbandonedAfterAnElectionTimeout() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.isolate("c");
        net.node("a").transferLeadership(NodeId.of("c"));
        assertThatThrownBy(() -> net.node("a").propose(bytes("y")))
                .isInstanceOf(ProposalDroppedException.class);

        net.tick("a", 10);
        net.stabilize();

        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);
        net.node("a").propose(bytes("y"));
        net.stabilize();
        assertThat(net.member("b").applied).containsExactly("y");
        assertThat(net.node("c").status().role()).isEqualTo(Role.FOLLOWER);
    }

    @Test
    void onlyVotersCanReceiveLeadership() {
        Network net = Network.of("a", "b");
        net.elect("a");
        assertThatThrownBy(() -> net.node("a").transferLeadership(NodeId.of("stranger")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
