package io.synod.core.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulation is a pure function of its seed: that is what makes every failure replayable. */
class SimulationDeterminismTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSameSeedGivesTheSameTraceTwice(Engine engine) {
        for (long seed : new long[] {1, 7, 42, 1234}) {
            SimulationResult first = new Simulation(seed, engine, Set.of(), Set.of()).run();
            SimulationResult second = new Simulation(seed, engine, Set.of(), Set.of()).run();
            assertThat(second.traceHash()).as("trace hash of seed %d", seed).isEqualTo(first.traceHash());
            assertThat(second.events()).as("events of seed %d", seed).isEqualTo(first.events());
            assertThat(second.operations()).isEqualTo(first.operations());
            assertThat(first.events()).as("seed %d did something", seed).isGreaterThan(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void differentSeedsGiveDifferentTraces(Engine engine) {
        long a = new Simulation(1, engine, Set.of(), Set.of()).run().traceHash();
        long b = new Simulation(2, engine, Set.of(), Set.of()).run().traceHash();
        assertThat(a).isNotEqualTo(b);
    }
}
