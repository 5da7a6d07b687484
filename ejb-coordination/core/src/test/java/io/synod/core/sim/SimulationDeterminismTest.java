package io.synod.core.sim;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulation is a pure function of its seed: that is what makes every failure replayable. */
class SimulationDeterminismTest {

    @Test
    void theSameSeedGivesTheSameTraceTwice() {
        for (long seed : new long[] {1, 7, 42, 1234}) {
            SimulationResult first = new Simulation(seed, Set.of(), SimSettings.RAFT).run();
            SimulationResult second = new Simulation(seed, Set.of(), SimSettings.RAFT).run();
            assertThat(second.traceHash()).as("trace hash of seed %d", seed).isEqualTo(first.traceHash());
            assertThat(second.events()).as("events of seed %d", seed).isEqualTo(first.events());
            assertThat(second.operations()).isEqualTo(first.operations());
            assertThat(first.events()).as("seed %d did something", seed).isGreaterThan(1000);
        }
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        long a = new Simulation(1, Set.of(), SimSettings.RAFT).run().traceHash();
        long b = new Simulation(2, Set.of(), SimSettings.RAFT).run().traceHash();
        assertThat(a).isNotEqualTo(b);
    }
}
