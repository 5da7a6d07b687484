package io.synod.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Percentiles over every sample, and the ratio line the issue asks for. */
class LoadFiguresTest {

    @Test
    void percentilesAreNearestRankOverAllThreadsSamples() {
        LatencySamples a = new LatencySamples();
        LatencySamples b = new LatencySamples();
        for (long v = 1; v <= 60; v++) {
            a.record(v);
        }
        for (long v = 61; v <= 100; v++) {
            b.record(v); // 100 samples in all, 1..100, split unevenly across two threads
        }
        long[] sorted = LatencySamples.mergeSorted(List.of(b, a));
        assertEquals(100, sorted.length);
        assertEquals(50, LatencySamples.percentile(sorted, 0.50));
        assertEquals(99, LatencySamples.percentile(sorted, 0.99));
        assertEquals(100, LatencySamples.percentile(sorted, 1.0));
        assertEquals(0, LatencySamples.percentile(new long[0], 0.5));
    }

    @Test
    void samplesGrowPastTheirFirstArray() {
        LatencySamples samples = new LatencySamples();
        for (int i = 0; i < 10_000; i++) {
            samples.record(i);
        }
        assertEquals(10_000, samples.size());
        assertEquals(9_999, LatencySamples.percentile(LatencySamples.mergeSorted(List.of(samples)), 1.0));
    }

    private static LoadResult result(String system, int threads, long puts) {
        return new LoadResult(system, threads, puts, 0, Duration.ofSeconds(20), 1_000_000, 2_000_000, Optional.empty());
    }

    @Test
    void ratioLinePairsEachSynodRunWithEtcdAtTheSameThreadCount() {
        List<LoadResult> results = List.of(result("etcd", 16, 20_000), result("etcd", 64, 40_000),
                result("synod", 16, 50_000), result("synod", 64, 60_000));
        assertEquals(Optional.of("synod/etcd puts/s: 16 threads 2.50×, 64 threads 1.50×"),
                ResultLines.synodVsEtcd(results));
        assertEquals(Optional.empty(), ResultLines.synodVsEtcd(List.of(result("etcd", 16, 20_000))));
        assertEquals(1000.0, result("etcd", 16, 20_000).putsPerSecond(), 1e-9);
    }
}
