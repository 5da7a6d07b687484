package io.synod.benchmarks.load;

import java.util.Arrays;
import java.util.List;

/**
 * One failover writer's acknowledged writes: when each was sent and when its answer arrived. One instance per
 * thread so recording takes no lock; merged once when the phase ends.
 */
final class AckTimes {

    private long[] sent = new long[4096];
    private long[] acked = new long[4096];
    private int size;

    void record(long sentNanos, long ackNanos) {
        if (size == sent.length) {
            sent = Arrays.copyOf(sent, size * 2);
            acked = Arrays.copyOf(acked, size * 2);
        }
        sent[size] = sentNanos;
        acked[size] = ackNanos;
        size++;
    }

    static FailoverGap gap(long killNanos, List<AckTimes> perThread) {
        int total = perThread.stream().mapToInt(a -> a.size).sum();
        long[] allSent = new long[total];
        long[] allAcked = new long[total];
        int at = 0;
        for (AckTimes times : perThread) {
            System.arraycopy(times.sent, 0, allSent, at, times.size);
            System.arraycopy(times.acked, 0, allAcked, at, times.size);
            at += times.size;
        }
        return FailoverGap.compute(killNanos, allSent, allAcked);
    }
}
