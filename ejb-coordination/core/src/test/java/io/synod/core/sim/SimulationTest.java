package io.synod.core.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Many seeds of the full simulation against each engine, every fault kind mixed: the same seeds, fault plans,
 * clients and checks for Raft and for Multi-Paxos ({@code -Dsynod.sim.engine=raft|multipaxos} runs one engine
 * only). All seeds run even after a failure, so one run lists every failing seed; each is reported with the
 * exact command that replays it, and the first one with its full report (plan, trace hash, last events).
 */
class SimulationTest {

    private static final int DETAILED = 1;

    @Test
    void raftSurvivesEveryFaultPlan() {
        survives(Engine.RAFT);
    }

    @Test
    void multiPaxosSurvivesEveryFaultPlan() {
        survives(Engine.MULTIPAXOS);
    }

    private static void survives(Engine engine) {
        assumeTrue(SimSettings.engines().contains(engine), "engine not selected by -Dsynod.sim.engine");
        Optional<Long> single = SimSettings.singleSeed();
        long first = single.orElse(SimSettings.base());
        int count = single.isPresent() ? 1 : SimSettings.seeds();
        long started = System.nanoTime();
        long cpuStarted = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long operations = 0;
        long unknown = 0;
        int inconclusive = 0;
        List<SimulationResult> failures = new ArrayList<>();
        List<String> replays = new ArrayList<>();
        CoordinationStats coordination = new CoordinationStats();
        for (long seed = first; seed < first + count; seed++) {
            Simulation sim = new Simulation(seed, engine, SimSettings.bugs(), SimSettings.paxosBugs(), SimSettings.serviceBugs());
            SimulationResult r = sim.run();
            if (r.failed()) {
                failures.add(r);
                replays.add(sim.replayCommand());
            }
            operations += r.operations();
            coordination.add(r.coordination());
            unknown += r.unknownOutcomes();
            inconclusive += r.inconclusive() ? 1 : 0;
            if (single.isPresent()) {
                System.out.println("seed " + seed + (r.failed() ? " FAILED" : " ok") + " on " + engine.protocol()
                        + ", trace hash " + Long.toHexString(r.traceHash()) + ", " + r.events() + " events, "
                        + r.operations() + " operations; " + r.plan());
            }
        }
        System.out.printf("simulation (%s): %d seeds from %d in %.1f s, %d client operations (%d unknown outcomes),"
                        + " %d seeds with an inconclusive linearizability check, %d failed%n",
                engine.protocol(), count, first, (System.nanoTime() - started) / 1e9, operations, unknown,
                inconclusive, failures.size());
        System.out.printf("simulation (%s): %s; %.1f s of CPU%n", engine.protocol(), coordination,
                (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1e9);
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(failures.size() + " of " + count + " seeds failed on "
                    + engine.protocol() + ":");
            for (int i = 0; i < failures.size(); i++) {
                SimulationResult f = failures.get(i);
                String report = f.failure().orElseThrow();
                sb.append("\n- seed ").append(f.seed()).append(": ").append(report.lines().findFirst().orElse(""))
                        .append("\n  replay: ").append(replays.get(i));
            }
            for (SimulationResult f : failures.subList(0, Math.min(DETAILED, failures.size()))) {
                sb.append("\n\nseed ").append(f.seed()).append(" in full: ").append(f.failure().orElseThrow());
            }
            fail(sb.toString());
        }
    }
}
