package io.synod.core.sim;

import io.synod.core.paxos.PaxosInjectedBug;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Teeth: with each Multi-Paxos bug injected, the same simulation that passes every seed on the correct engine
 * must report a safety failure (a per-step invariant or the linearizability check) within a bounded number
 * of seeds. The first catching seed is printed with the command that replays it.
 */
class PaxosInjectedBugSimulationTest {

    private static final int SEED_LIMIT = 300;

    @ParameterizedTest
    @EnumSource(PaxosInjectedBug.class)
    void theSimulationCatchesTheInjectedBug(PaxosInjectedBug bug) {
        List<String> otherFailures = new ArrayList<>();
        for (long seed = 1; seed <= SEED_LIMIT; seed++) {
            Simulation sim = new Simulation(seed, Engine.MULTIPAXOS, Set.of(), Set.of(bug));
            SimulationResult r = sim.run();
            if (r.failed()) {
                String failure = r.failure().get();
                if (failure.startsWith("invariant:") || failure.startsWith("linearizability:")) {
                    System.out.println(bug + " caught at seed " + seed + ": " + failure.lines().findFirst().orElse("")
                            + "\n  replay: " + sim.replayCommand());
                    return;
                }
                otherFailures.add("seed " + seed + ": " + failure.lines().findFirst().orElse(""));
            }
        }
        fail(bug + " went unnoticed for " + SEED_LIMIT + " seeds (non-safety failures: " + otherFailures + ")");
    }
}
