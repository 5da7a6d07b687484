package io.synod.core.sim;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Many seeds of the full simulation against the Raft engine, every fault kind mixed. The first failing
 * seed fails the test with a report that ends in the exact command replaying it.
 */
class SimulationTest {

    @Test
    void raftSurvivesEveryFaultPlan() {
        Optional<Long> single = SimSettings.singleSeed();
        long first = single.orElse(SimSettings.base());
        int count = single.isPresent() ? 1 : SimSettings.seeds();
        long started = System.nanoTime();
        long operations = 0;
        long unknown = 0;
        int inconclusive = 0;
        for (long seed = first; seed < first + count; seed++) {
            SimulationResult r = new Simulation(seed, SimSettings.bugs(), SimSettings.RAFT).run();
            if (r.failed()) {
                fail("simulation failed at seed " + seed + ": " + r.failure().get());
            }
            operations += r.operations();
            unknown += r.unknownOutcomes();
            inconclusive += r.inconclusive() ? 1 : 0;
            if (single.isPresent()) {
                System.out.println("seed " + seed + " ok, trace hash " + Long.toHexString(r.traceHash()) + ", "
                        + r.events() + " events, " + r.operations() + " operations; " + r.plan());
            }
        }
        System.out.printf("simulation: %d seeds from %d in %.1f s, %d client operations (%d unknown outcomes),"
                        + " %d seeds with an inconclusive linearizability check%n",
                count, first, (System.nanoTime() - started) / 1e9, operations, unknown, inconclusive);
    }
}
