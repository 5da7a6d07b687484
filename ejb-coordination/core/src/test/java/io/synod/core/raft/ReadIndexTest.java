package io.synod.core.raft;

import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.Heartbeat;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.synod.core.raft.Network.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadIndexTest {

    private static Network cluster(Set<InjectedBug> bugs) {
        Network net = Network.withConfig(id -> new RaftConfig(id, 7, 10, 1, true, true, 1 << 20, 256, 1024, bugs),
                "a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();
        return net;
    }

    @Test
    void safeReadIsReleasedAfterAQuorumAnswersAHeartbeatCarryingIt() {
        Network net = cluster(Set.of());
        RaftNode a = net.node("a");

        net.clearTrace();
        a.readIndex(bytes("r1"), ReadMode.SAFE);
        a.readIndex(bytes("r2"), ReadMode.SAFE);
        net.processReady(net.member("a"));
        assertThat(net.member("a").reads).isEmpty(); // not before the round

        net.stabilize();
        // §6.4: one round confirms both reads, each at the commit index when it arrived
        assertThat(net.member("a").reads).containsExactly(new ReadState(2, bytes("r1")), new ReadState(2, bytes("r2")));
        assertThat(net.trace).anyMatch(t -> t.startsWith("Heartbeat[") && t.contains("readSeq=2"));
    }

    @Test
    void aPartitionedLeaderCannotServeSafeReads() {
        Network net = cluster(Set.of());
        net.isolate("a");
        net.node("a").readIndex(bytes("r"), ReadMode.SAFE);
        net.tick("a", 5);
        net.stabilize();
        assertThat(net.member("a").reads).isEmpty();
    }

    @Test
    void injectedBug_readIndexWithoutQuorumCheckServesFromAPartitionedLeader() {
        Network net = cluster(Set.of(InjectedBug.READ_INDEX_WITHOUT_QUORUM_CHECK));
        net.isolate("a");
        String newLeader = net.tickUntilLeader("b", "c");
        net.node(newLeader).propose(bytes("y"));
        net.stabilize();

        net.node("a").readIndex(bytes("stale"), ReadMode.SAFE);
        net.stabilize();
        // a deposed leader answers at index 2 although index 4 (y) is committed elsewhere: a stale read
        assertThat(net.member("a").reads).containsExactly(new ReadState(2, bytes("stale")));
        assertThat(net.node(newLeader).status().commitIndex()).isEqualTo(4);
    }

    @Test
    void leaseReadIsServedWithoutAHeartbeatRoundWhileTheLeaseHolds() {
        Network net = cluster(Set.of());
        net.tickAll(1); // a heartbeat round acknowledged by b and c starts the lease
        net.clearTrace();

        net.node("a").readIndex(bytes("fast"), ReadMode.LEASE);
        net.stabilize();

        assertThat(net.member("a").reads).containsExactly(new ReadState(2, bytes("fast")));
        assertThat(net.count(Heartbeat.class)).isZero();
    }

    @Test
    void anExpiredLeaseFallsBackToAHeartbeatRound() {
        Network net = cluster(Set.of());
        net.tickAll(1);
        net.isolate("a");
        net.tick("a", 9); // no answers for 9 ticks: lease (10 ticks from the last acknowledged send) is over
        net.stabilize();

        net.node("a").readIndex(bytes("late"), ReadMode.LEASE);
        net.stabilize();
        assertThat(net.member("a").reads).isEmpty();

        net.heal();
        net.tickAll(1); // the next heartbeat carries the read's sequence
        assertThat(net.member("a").reads).containsExactly(new ReadState(2, bytes("late")));
    }

    @Test
    void aNewLeaderServesNoReadBeforeItsNoOpCommits() {
        Network net = Network.of("a", "b", "c");
        net.dropWhere(m -> m instanceof AppendEntries);
        net.elect("a");
        RaftNode a = net.node("a");
        a.readIndex(bytes("early"), ReadMode.SAFE);
        a.readIndex(bytes("early-lease"), ReadMode.LEASE);
        net.tickAll(3); // heartbeats are answered, but the no-op is not committed
        assertThat(net.member("a").reads).isEmpty();

        net.heal();
        net.tickAll(1);
        // §6.4 step 1: only now does a know the commit index is current
        assertThat(a.status().commitIndex()).isEqualTo(1);
        assertThat(net.member("a").reads).extracting(ReadState::index).containsExactly(1L, 1L);
    }

    @Test
    void followersRedirectReads() {
        Network net = cluster(Set.of());
        assertThatThrownBy(() -> net.node("b").readIndex(bytes("r"), ReadMode.SAFE))
                .isInstanceOf(NotLeaderException.class);
    }

    @Test
    void withoutCheckQuorumLeaseReadsAreConfirmedByAHeartbeatRound() {
        Network net = Network.withConfig(id -> new RaftConfig(id, 7, 10, 1, true, false, 1 << 20, 256, 1024,
                Set.of()), "a", "b", "c");
        net.elect("a");
        net.tickAll(1);
        net.clearTrace();
        net.node("a").readIndex(bytes("r"), ReadMode.LEASE);
        net.stabilize();
        assertThat(net.count(Heartbeat.class)).isEqualTo(2);
        assertThat(net.member("a").reads).hasSize(1);
    }

    @Test
    void afterSendingTimeoutNowTheLeaderNoLongerTrustsItsLease() {
        Network net = cluster(Set.of());
        net.tickAll(1);
        net.dropWhere(m -> m instanceof RaftMessage.TimeoutNow); // the transfer never completes...
        net.node("a").transferLeadership(io.synod.core.consensus.NodeId.of("b"));
        net.stabilize();
        net.tick("a", 10); // ...and is abandoned
        net.stabilize();
        net.clearTrace();

        // but a TimeoutNow may still be in flight, and b would win without waiting: confirm with a round
        net.node("a").readIndex(bytes("after-transfer"), ReadMode.LEASE);
        net.stabilize();
        assertThat(net.count(Heartbeat.class)).isEqualTo(2);
        assertThat(net.member("a").reads).containsExactly(new ReadState(2, bytes("after-transfer")));
    }
}
