package io.synod.core.sim;

import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedNetworkTest {

    private record Note(long groupId, NodeId from, NodeId to, int n) implements Message {
    }

    private static final NodeId A = NodeId.of("n1");
    private static final NodeId B = NodeId.of("n2");
    private static final NodeId C = NodeId.of("n3");

    private static SimulatedNetwork network(long seed) {
        return new SimulatedNetwork(Map.of(A, 0, B, 1, C, 2), new Random(seed));
    }

    private static List<Message> drain(SimulatedNetwork net, long until) {
        List<Message> out = new ArrayList<>();
        for (long t = 0; t <= until; t++) {
            out.addAll(net.deliverDue(t, i -> false));
        }
        return out;
    }

    @Test
    void aPartitionRefusesAtSendAndCutsWhatIsInFlight() {
        SimulatedNetwork net = network(1);
        assertThat(net.send(new Note(1, A, B, 1), 0)).isTrue();
        net.setPartition(Partition.isolate(0, List.of(), 3));
        assertThat(net.send(new Note(1, A, B, 2), 0)).as("the transport sees the link is down").isFalse();
        assertThat(net.send(new Note(1, B, C, 3), 0)).isTrue();
        assertThat(drain(net, 100)).containsExactly(new Note(1, B, C, 3));
    }

    @Test
    void randomDelaysReorderMessagesOnOneLink() {
        SimulatedNetwork net = network(3);
        net.setFaults(new NetworkFaults(0, 0, 1, 20, 0, 20));
        for (int i = 0; i < 20; i++) {
            net.send(new Note(1, A, B, i), 0);
        }
        List<Message> got = drain(net, 100);
        assertThat(got).hasSize(20);
        assertThat(got).isNotEqualTo(got.stream().sorted((x, y) -> Integer.compare(((Note) x).n(), ((Note) y).n())).toList());
    }

    @Test
    void dropsAndDuplicatesHappenAtTheConfiguredRates() {
        SimulatedNetwork net = network(5);
        net.setFaults(new NetworkFaults(20, 20, 1, 3, 0, 3));
        for (int i = 0; i < 1000; i++) {
            net.send(new Note(1, A, B, i), 0);
        }
        int delivered = drain(net, 10).size();
        // 80% survive, and 20% of those arrive twice: about 960.
        assertThat(delivered).isBetween(880, 1040);
    }

    @Test
    void aPausedNodeGetsItsMessagesLaterNotNever() {
        SimulatedNetwork net = network(7);
        net.send(new Note(1, A, B, 1), 0);
        for (long t = 0; t < 50; t++) {
            assertThat(net.deliverDue(t, i -> i == 1)).isEmpty();
        }
        assertThat(net.deliverDue(50, i -> false)).hasSize(1);
    }

    @Test
    void theSameSeedDeliversInTheSameOrder() {
        List<List<Message>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            SimulatedNetwork net = network(11);
            net.setFaults(new NetworkFaults(10, 10, 1, 15, 10, 60));
            for (int i = 0; i < 100; i++) {
                net.send(new Note(1, i % 2 == 0 ? A : C, B, i), i / 10);
            }
            runs.add(drain(net, 200));
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }
}
