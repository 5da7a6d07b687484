package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.consensus.Role;
import io.synod.core.paxos.PaxosMessage.Heartbeat;
import org.junit.jupiter.api.Test;

import static io.synod.core.paxos.PaxosNetwork.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class PaxosReadTest {

    @Test
    void aSafeReadIsReleasedAfterOneHeartbeatRoundAtTheChosenIndex() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();
        net.clearTrace();
        net.node("a").readIndex(bytes("r1"), ReadMode.SAFE);
        net.processReady(net.member("a"));
        assertThat(net.member("a").reads).isEmpty(); // not before a majority confirmed the ballot
        net.stabilize();
        assertThat(net.count(Heartbeat.class)).isEqualTo(2);
        assertThat(net.member("a").reads).containsExactly(new ReadState(2, bytes("r1")));
    }

    @Test
    void aDeposedLeaderCannotReleaseASafeRead() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.isolate("a");
        String next = net.tickUntilLeader("b", "c");
        net.node(next).propose(bytes("newer"));
        net.stabilize();
        net.node("a").readIndex(bytes("stale"), ReadMode.SAFE); // a still believes it leads
        net.stabilize();
        assertThat(net.member("a").reads).isEmpty();
        // back in contact, its heartbeats are refused with the higher ballot and it steps down
        net.heal();
        net.tickAll(2);
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.member("a").reads).isEmpty();
    }

    @Test
    void aLeaseReadNeedsNoRoundWhileTheLeaseHolds() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.tickAll(2); // heartbeats answered: the lease starts
        net.clearTrace();
        net.node("a").readIndex(bytes("fast"), ReadMode.LEASE);
        net.processReady(net.member("a"));
        assertThat(net.member("a").reads).containsExactly(new ReadState(1, bytes("fast")));
        assertThat(net.takePending()).isEmpty(); // no message needed
    }

    @Test
    void aLeaseReadFallsBackToARoundOnceTheLeaseExpired() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.tickAll(2);
        net.isolate("a");
        for (int i = 0; i < 9; i++) {
            net.node("a").tick(); // a's clock runs on, nobody answers: the lease lapses
            net.stabilize();
        }
        net.node("a").readIndex(bytes("late"), ReadMode.LEASE);
        net.stabilize();
        assertThat(net.member("a").reads).isEmpty();
        net.heal();
        net.node("a").tick();
        net.stabilize();
        assertThat(net.member("a").reads).extracting(r -> new String(r.context())).containsExactly("late");
    }

    @Test
    void readsWaitUntilTheNewLeadersFirstSlotIsChosen() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();
        net.isolate("a");
        net.dropWhere(m -> m instanceof PaxosMessage.Accepted);
        String next = net.tickUntilLeader("b", "c");
        net.node(next).readIndex(bytes("r"), ReadMode.SAFE);
        net.stabilize();
        assertThat(net.member(next).reads).isEmpty(); // its no-op is not chosen yet
        net.heal();
        net.isolate("a");
        net.node(next).tick();
        net.stabilize();
        assertThat(net.member(next).reads).singleElement()
                .satisfies(r -> assertThat(r.index()).isEqualTo(3)); // x at 2, the no-op at 3
    }

    @Test
    void transferHandsLeadershipToACaughtUpVoterAndForfeitsTheLease() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.tickAll(2);
        net.node("a").transferLeadership(NodeId.of("c"));
        net.stabilize();
        assertThat(net.node("c").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.count(PaxosMessage.TimeoutNow.class)).isEqualTo(1);
        net.node("c").propose(bytes("y"));
        net.stabilize();
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).applied).containsExactly("x", "y");
        }
        assertThat(net.violations).isEmpty();
    }

    @Test
    void proposalsAreDroppedWhileATransferIsUnderWay() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.isolate("c");
        net.node("a").propose(bytes("x"));
        net.stabilize();
        net.node("a").transferLeadership(NodeId.of("c")); // c lags: catch it up first
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> net.node("a").propose(bytes("y")))
                .isInstanceOf(io.synod.core.consensus.ProposalDroppedException.class);
        net.heal();
        net.tickAll(2);
        assertThat(net.node("c").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.member("c").applied).containsExactly("x");
    }
}
