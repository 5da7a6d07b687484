package io.synod.core.sim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The coordination checks' teeth, as {@link InjectedBugTest} is the engines': with each known-wrong behaviour of a
 * replicated service ({@link ServiceBug}) switched on, some seed among the first {@value #MAX_SEEDS} must report a
 * violation of that service on each engine, and the same seed must pass with the bug off (so the catch is the bug's doing). The failure report carries
 * the one-line replay command.
 */
class ServiceInjectedBugTest {

    static final int MAX_SEEDS = 300;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void grantingToALapsedSessionIsCaught(Engine engine) {
        caught(engine, ServiceBug.LOCK_GRANT_SKIPS_SESSION_CHECK, "lock service at entry");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void acceptingAStaleAttemptsCompletionIsCaught(Engine engine) {
        caught(engine, ServiceBug.SCHEDULER_ACCEPTS_STALE_COMPLETION, "scheduler at entry");
    }

    static void caught(Engine engine, ServiceBug bug, String violation) {
        Assumptions.assumeTrue(SimSettings.singleSeed().isEmpty(), "a single seed is being replayed");
        for (long seed = 1; seed <= MAX_SEEDS; seed++) {
            Simulation sim = new Simulation(seed, engine, Set.of(), Set.of(), Set.of(bug));
            SimulationResult withBug = sim.run();
            if (!withBug.failed() || !withBug.failure().get().contains(violation)) {
                continue;
            }
            if (!new Simulation(seed, engine, Set.of(), Set.of(), Set.of()).run().failed()) {
                String report = withBug.failure().get();
                System.out.printf("%s on %s caught by seed %d: %s%n  replay: %s%n", bug, engine.protocol(), seed,
                        report.lines().findFirst().orElse(""), sim.replayCommand());
                return;
            }
        }
        fail(bug + " was not caught on " + engine.protocol() + " within " + MAX_SEEDS + " seeds");
    }
}
