package io.synod.core.paxos;

import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Role;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Prepare;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static io.synod.core.paxos.PaxosNetwork.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class PaxosReplicationTest {

    private static boolean acceptOf(Message m, long slot) {
        return m instanceof Accept a && a.entries().stream().anyMatch(e -> e.index() == slot);
    }

    @Test
    void aValueIsChosenByAMajorityAndLearnedEverywhere() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.node("a").propose(bytes("y"));
        net.stabilize();
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).applied).containsExactly("x", "y");
            assertThat(net.node(id).status().commitIndex()).isEqualTo(3);
        }
        // each slot carries the ballot it was accepted under
        long ballot = net.node("a").status().term();
        assertThat(net.member("b").storage.term(2)).isEqualTo(ballot);
        assertThat(net.violations).isEmpty();
    }

    @Test
    void aNewLeaderAdoptsAValueChosenWithoutItsKnowledge() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        // x reaches b only; a and b are a majority: x is chosen, c never saw it
        net.dropWhere(m -> acceptOf(m, 2) && m.to().equals(NodeId.of("c")));
        net.node("a").propose(bytes("x"));
        net.stabilize();
        assertThat(net.node("a").status().commitIndex()).isEqualTo(2);
        assertThat(net.member("c").storage.lastIndex()).isEqualTo(1);

        // a dies; c must lead (b's own prepares are lost): its phase 1 hears of x from b and re-proposes it
        net.isolate("a");
        net.dropWhere(m -> m instanceof Prepare && m.from().equals(NodeId.of("b")));
        String leader = net.tickUntilLeader("b", "c");
        assertThat(leader).isEqualTo("c");
        LogEntry slot2 = net.member("c").storage.entries(2, 3, Long.MAX_VALUE).get(0);
        assertThat(new String(slot2.data())).isEqualTo("x");
        assertThat(slot2.term()).isEqualTo(net.node("c").status().term()); // re-accepted under c's ballot
        net.node("c").propose(bytes("y"));
        net.heal();
        net.tickAll(3);
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).applied).containsExactly("x", "y");
        }
        assertThat(net.violations).isEmpty();
    }

    @Test
    void slotsNobodyAcceptedAreFilledWithNoOpsAfterALeaderChange() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.dropWhere(m -> acceptOf(m, 2));
        net.node("a").propose(bytes("x")); // slot 2: reaches nobody but a itself
        net.processReady(net.member("a"));
        net.deliverAll();
        net.heal();
        net.node("a").propose(bytes("y")); // slot 3: reaches b and c, which leave a hole at 2
        net.processReady(net.member("a"));
        net.deliverAll();
        net.isolate("a");
        net.stabilize();
        assertThat(net.member("b").storage.term(2)).isZero(); // the hole: nothing accepted
        assertThat(new String(net.member("b").storage.entries(3, 4, 100).get(0).data())).isEqualTo("y");

        String leader = net.tickUntilLeader("b", "c");
        LogEntry filled = net.member(leader).storage.entries(2, 3, 100).get(0);
        assertThat(filled.type()).isEqualTo(EntryType.NORMAL);
        assertThat(filled.data()).isEmpty(); // the no-op
        assertThat(filled.term()).isEqualTo(net.node(leader).status().term());
        net.heal();
        net.clearTrace();
        net.tickAll(3);
        // x was only ever accepted by a: it is not chosen, the no-op is, everywhere (a's x is overwritten)
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).applied).containsExactly("y");
        }
        assertThat(net.violations).isEmpty();
    }

    @Test
    void slotsArePipelinedWithoutWaitingAndSurviveReordering() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        for (int i = 0; i < 5; i++) {
            net.node("a").propose(bytes("v" + i));
            net.processReady(net.member("a"));
        }
        List<Message> out = net.takePending();
        // five Accepts per acceptor are in flight at once, none acknowledged yet
        assertThat(out.stream().filter(m -> m instanceof Accept && m.to().equals(NodeId.of("b")))).hasSize(5);
        Collections.reverse(out);
        out.forEach(net::deliver);
        net.stabilize();
        net.tickAll(2);
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).applied).containsExactly("v0", "v1", "v2", "v3", "v4");
        }
        assertThat(net.violations).isEmpty();
    }

    @Test
    void theWindowBoundsSlotsInFlightAndTheRestLeaveInBatches() {
        PaxosNetwork net = PaxosNetwork.withConfig(id -> new PaxosConfig(id, 7, 10, 1, 1 << 20, 2, 1024, Set.of()),
                "a", "b", "c");
        net.elect("a");
        for (int i = 0; i < 6; i++) {
            net.node("a").propose(bytes("v" + i));
        }
        net.processReady(net.member("a"));
        List<Message> first = net.takePending();
        List<Accept> toB = first.stream().filter(m -> m instanceof Accept && m.to().equals(NodeId.of("b")))
                .map(m -> (Accept) m).toList();
        // one batch, cut at the window: two slots past the matched slot 1
        assertThat(toB).singleElement().satisfies(a -> assertThat(a.firstSlot()).isEqualTo(2))
                .satisfies(a -> assertThat(a.lastSlot()).isEqualTo(3));
        first.forEach(net::deliver);
        net.clearTrace();
        net.stabilize();
        // the four held back left batched: Accepts carrying two slots each
        assertThat(net.trace.stream().filter(t -> t.startsWith("Accept[a->b")).toList())
                .anyMatch(t -> t.contains("slots=4..5"));
        assertThat(net.member("b").applied).hasSize(6);
    }

    @Test
    void aLaggingAcceptorIsCaughtUpFromTheLeadersLog() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.isolate("c");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add("v" + i);
            net.node("a").propose(bytes("v" + i));
            net.stabilize();
        }
        assertThat(net.member("c").applied).isEmpty();
        net.heal();
        net.tickAll(3);
        assertThat(net.member("c").applied).containsExactlyElementsOf(values);
        assertThat(net.node("c").status().commitIndex()).isEqualTo(21);
        assertThat(net.violations).isEmpty();
    }

    @Test
    void aLaggingAcceptorGetsAChunkedSnapshotOnceTheLeaderCompacted() {
        PaxosNetwork net = PaxosNetwork.withConfig(id -> new PaxosConfig(id, 7, 10, 1, 1 << 20, 256, 8, Set.of()),
                "a", "b", "c");
        net.elect("a");
        net.isolate("c");
        for (int i = 0; i < 10; i++) {
            net.node("a").propose(bytes("v" + i));
            net.stabilize();
        }
        net.compact("a");
        net.compact("b");
        net.heal();
        net.clearTrace();
        net.tickAll(3);
        assertThat(net.count(PaxosMessage.SnapshotChunk.class)).isGreaterThan(3); // 8-byte chunks
        assertThat(net.member("c").applied.get(0)).isEqualTo("snapshot:v0,v1,v2,v3,v4,v5,v6,v7,v8,v9");
        net.node("a").propose(bytes("after"));
        net.stabilize();
        assertThat(net.member("c").applied).last().isEqualTo("after");
        assertThat(net.member("c").storage.snapshot().metadata().index()).isEqualTo(11);
        assertThat(net.violations).isEmpty();
    }

    @Test
    void aRestartedMemberKeepsItsAcceptedValuesAndTheGroupGoesOn() {
        PaxosNetwork net = PaxosNetwork.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();
        net.restart("a");
        net.restart("b");
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        String leader = net.tickUntilLeader("a", "b", "c");
        net.node(leader).propose(bytes("y"));
        net.tickAll(3);
        for (String id : new String[] {"a", "b", "c"}) {
            assertThat(net.member(id).applied).containsExactly("x", "y");
        }
        assertThat(net.violations).isEmpty();
    }
}
