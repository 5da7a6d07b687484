package io.synod.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Raft vs Multi-Paxos side-by-side lines and the failover gap computed from acknowledgement timestamps. */
class ProtocolComparisonTest {

    private static LoadResult result(String system, int threads, long puts, long p99Nanos) {
        return new LoadResult(system, threads, puts, 0, Duration.ofSeconds(10), 1_000_000, p99Nanos, Optional.empty());
    }

    @Test
    void sideBySideLinePerThreadCountBothProtocolsRan() {
        List<LoadResult> results = List.of(
                result("synod", 16, 10_000, 12_500_000), result("synod", 64, 20_000, 40_000_000),
                result("synod-multipaxos", 16, 12_000, 11_000_000), result("etcd", 16, 5_000, 1_000_000));
        assertEquals(List.of("raft vs multipaxos: 16 threads puts/s 1000.0 vs 1200.0 (B/A 1.20×), p99 12.50 vs 11.00 ms"),
                ResultLines.raftVsMultiPaxos(results));
        assertEquals(Optional.of("synod/etcd puts/s: 16 threads 2.00×"), ResultLines.synodVsEtcd(results),
                "multipaxos results must not be paired with etcd as if they were Raft's");
    }

    @Test
    void noSideBySideLineWhenOneProtocolHasNoPuts() {
        assertEquals(List.of(), ResultLines.raftVsMultiPaxos(List.of(result("synod", 16, 10_000, 1),
                result("synod-multipaxos", 16, 0, 0))));
        assertEquals(List.of(), ResultLines.raftVsMultiPaxos(List.of(result("synod", 16, 10_000, 1))));
    }

    @Test
    void gapIsFromTheKillToTheFirstAckOfAWriteIssuedAfterIt() {
        long kill = 1_000_000_000L;
        // Write A: sent before the kill, answered late (after the new leader committed it): must not count.
        // Write B: sent after the kill, acked at kill + 700 ms. Write C: sent after, acked at kill + 900 ms.
        long[] sent = {kill - 10_000_000, kill - 100_000_000, kill + 5_000_000, kill + 300_000_000};
        long[] acked = {kill + 500_000_000, kill - 90_000_000, kill + 700_000_000, kill + 900_000_000};
        FailoverGap gap = FailoverGap.compute(kill, sent, acked);
        assertEquals(Optional.of(700_000_000L), gap.gapNanos());
        // Acks in time order: -90, +500, +700, +900 ms; the longest pause is 590 ms.
        assertEquals(590_000_000L, gap.longestPauseNanos());
        assertEquals(4, gap.acks());
        assertEquals("700 ms", gap.gapText());
    }

    @Test
    void noGapWhenNothingIssuedAfterTheKillWasAcknowledged() {
        FailoverGap gap = FailoverGap.compute(100, new long[] {10, 20}, new long[] {50, 200});
        assertEquals(Optional.empty(), gap.gapNanos());
        assertEquals(150, gap.longestPauseNanos());
        assertThrows(IllegalArgumentException.class, () -> FailoverGap.compute(0, new long[1], new long[2]));
    }

    @Test
    void ackTimesMergeEveryThreadBeforeComputing() {
        AckTimes a = new AckTimes();
        AckTimes b = new AckTimes();
        for (int i = 0; i < 5000; i++) {
            a.record(i, i + 1); // grows past its first array
        }
        b.record(10_000, 10_040);
        FailoverGap gap = AckTimes.gap(9_000, List.of(a, b));
        assertEquals(Optional.of(1_040L), gap.gapNanos());
        assertEquals(10_040 - 5_000, gap.longestPauseNanos());
        assertEquals(5001, gap.acks());
    }

    @Test
    void failoverLineNamesEachProtocolThatRan() {
        Map<String, FailoverGap> gaps = new LinkedHashMap<>();
        gaps.put("synod-multipaxos", new FailoverGap(Optional.of(2_400_000_000L), 2_600_000_000L, 10));
        gaps.put("synod", new FailoverGap(Optional.of(1_200_000_000L), 1_300_000_000L, 10));
        assertEquals(Optional.of("failover write gap: raft 1200 ms (longest pause between acks 1300 ms), "
                + "multipaxos 2400 ms (longest pause between acks 2600 ms)"), ResultLines.failoverGaps(gaps));
        assertEquals(Optional.empty(), ResultLines.failoverGaps(Map.of()));
    }
}
