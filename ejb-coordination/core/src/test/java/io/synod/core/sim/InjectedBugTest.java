package io.synod.core.sim;

import io.synod.core.raft.InjectedBug;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The simulation's teeth: with each known-wrong behaviour switched on, some seed among the first
 * {@value #MAX_SEEDS} must report a violation. A seed counts only if the same seed passes with the bug
 * off, so the catch is the injected bug's doing and not some other failure of the engine.
 */
class InjectedBugTest {

    static final int MAX_SEEDS = 500;

    @ParameterizedTest
    @EnumSource(InjectedBug.class)
    void simulationCatchesTheInjectedBug(InjectedBug bug) {
        Assumptions.assumeTrue(SimSettings.singleSeed().isEmpty(), "a single seed is being replayed");
        long base = 1;
        for (long seed = base; seed < base + MAX_SEEDS; seed++) {
            SimulationResult withBug = new Simulation(seed, Set.of(bug), SimSettings.RAFT).run();
            if (!withBug.failed()) {
                continue;
            }
            Optional<String> withoutBug = new Simulation(seed, Set.of(), SimSettings.RAFT).run().failure();
            if (withoutBug.isEmpty()) {
                String first = withBug.failure().get().lines().findFirst().orElse("");
                System.out.printf("%s caught by seed %d after %d seeds: %s%n  replay: %s%n", bug, seed, seed - base + 1,
                        first, new Simulation(seed, Set.of(bug), SimSettings.RAFT).replayCommand());
                return;
            }
        }
        fail(bug + " was not caught within " + MAX_SEEDS + " seeds (seeds failing with the bug off do not count)");
    }
}
