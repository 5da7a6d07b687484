package io.synod.core.sim;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionTest {

    private static final List<Integer> FIVE = List.of(0, 1, 2, 3, 4);

    private static int reach(Partition p, int node) {
        int n = 0;
        for (int other : FIVE) {
            n += p.allows(node, other) ? 1 : 0;
        }
        return n;
    }

    @Test
    void inAMajoritiesRingEveryoneSeesExactlyAMajority() {
        Partition ring = Partition.majoritiesRing(FIVE, 5, new Random(1));
        for (int node : FIVE) {
            assertThat(reach(ring, node)).as("n%d sees itself and its two neighbours", node + 1).isEqualTo(3);
        }
    }

    @Test
    void aBridgeSeesEveryoneAndTheHalvesOnlyThemselvesAndTheBridge() {
        Partition bridge = Partition.bridge(FIVE, 5, new Random(2));
        long seeingAll = FIVE.stream().filter(n -> reach(bridge, n) == 5).count();
        assertThat(seeingAll).isEqualTo(1);
        assertThat(FIVE.stream().filter(n -> reach(bridge, n) == 3).count()).isEqualTo(4);
    }

    @Test
    void oneWayCutsOnlyOneDirection() {
        Partition p = Partition.oneWay(0, 1, 3);
        assertThat(p.allows(0, 1)).isFalse();
        assertThat(p.allows(1, 0)).isTrue();
    }

    @Test
    void isolateCutsTheSideOffBothWays() {
        Partition p = Partition.isolate(2, List.of(4), 5);
        assertThat(p.allows(2, 4)).isTrue();
        assertThat(p.allows(2, 0)).isFalse();
        assertThat(p.allows(0, 4)).isFalse();
        assertThat(p.allows(0, 1)).isTrue();
    }
}
