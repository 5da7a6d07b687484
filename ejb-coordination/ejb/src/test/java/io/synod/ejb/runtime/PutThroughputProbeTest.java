package io.synod.ejb.runtime;

import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Puts per second through the leader of three real runtimes (real TCP, real fsync'd log directories, production
 * tick) at 1, 16 and 64 concurrent writers: the in-JVM counterpart of the benchmarks module's load driver, for
 * iterating on the runtime without Payara. Informational: it prints the figures and asserts only that every put
 * was acknowledged. Opt-in ({@code -Dsynod.probe.throughput=true}): it runs for tens of seconds.
 */
@EnabledIfSystemProperty(named = "synod.probe.throughput", matches = "true")
class PutThroughputProbeTest {

    private static final Duration MEASURE = Duration.ofSeconds(
            Long.getLong("synod.probe.seconds", 5));

    @TempDir
    Path dir;

    @Test
    void printsPutsPerSecondAtOneSixteenAndSixtyFourWriters() throws Exception {
        try (RuntimeCluster cluster = new RuntimeCluster(dir, java.util.Set.of(RuntimeCluster.id("n1"),
                RuntimeCluster.id("n2"), RuntimeCluster.id("n3")),
                s -> s.withTick(Duration.ofMillis(100))).startAll()) {
            NodeRuntime leader = cluster.awaitLeader();
            cluster.put("warm/up", "x");
            for (int writers : new int[]{1, 16, 64}) {
                long[] done = run(leader, writers);
                System.out.printf("PROBE writers=%d puts=%d seconds=%.1f puts/s=%.0f fsyncs(leader)=%d%n", writers,
                        done[0], MEASURE.toMillis() / 1000.0, done[0] * 1000.0 / MEASURE.toMillis(),
                        leader.metrics().fsyncs());
                assertThat(done[1]).as("failed puts").isZero();
            }
        }
    }

    /** @return {acknowledged puts, failed puts} within the measuring window */
    private static long[] run(NodeRuntime leader, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long end = System.nanoTime() + MEASURE.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            results.add(pool.submit(() -> {
                long ok = 0;
                long failed = 0;
                byte[] value = new byte[100];
                while (System.nanoTime() < end) {
                    KvCommand put = new KvCommand.Put("probe/" + writer + "/" + (ok % 100), value, Optional.empty());
                    try {
                        KvResult r = leader.submit(put).get(30, TimeUnit.SECONDS);
                        ok += r instanceof KvResult.Put ? 1 : 0;
                    } catch (Exception e) {
                        failed++;
                    }
                }
                return new long[]{ok, failed};
            }));
        }
        long ok = 0;
        long failed = 0;
        for (Future<long[]> f : results) {
            ok += f.get()[0];
            failed += f.get()[1];
        }
        pool.shutdown();
        return new long[]{ok, failed};
    }
}
