package io.synod.core.sim;

import io.synod.core.paxos.PaxosInjectedBug;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The simulation's teeth for Multi-Paxos, as {@link InjectedBugTest} for Raft: with each known-wrong behaviour
 * switched on, some seed among the first {@value #MAX_SEEDS} must report a safety failure (a per-step invariant
 * or the linearizability check). A seed counts only if the same seed passes with the bug off.
 */
class PaxosInjectedBugSimulationTest {

    static final int MAX_SEEDS = InjectedBugTest.MAX_SEEDS;

    @ParameterizedTest
    @EnumSource(PaxosInjectedBug.class)
    void simulationCatchesTheInjectedBug(PaxosInjectedBug bug) {
        Assumptions.assumeTrue(SimSettings.singleSeed().isEmpty(), "a single seed is being replayed");
        for (long seed = 1; seed <= MAX_SEEDS; seed++) {
            Simulation sim = new Simulation(seed, Engine.MULTIPAXOS, Set.of(), Set.of(bug));
            SimulationResult withBug = sim.run();
            if (!withBug.failed()) {
                continue;
            }
            String failure = withBug.failure().get();
            boolean safety = failure.startsWith("invariant:") || failure.startsWith("linearizability:");
            if (safety && !new Simulation(seed, Engine.MULTIPAXOS, Set.of(), Set.of()).run().failed()) {
                System.out.printf("%s caught by seed %d: %s%n  replay: %s%n", bug, seed,
                        failure.lines().findFirst().orElse(""), sim.replayCommand());
                return;
            }
        }
        fail(bug + " was not caught within " + MAX_SEEDS + " seeds (seeds failing with the bug off, or failing"
                + " other than on safety, do not count)");
    }
}
