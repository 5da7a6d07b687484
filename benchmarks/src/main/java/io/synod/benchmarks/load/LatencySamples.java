package io.synod.benchmarks.load;

import java.util.Arrays;
import java.util.List;

/**
 * Every measured put's latency in nanoseconds, kept exactly (a run is at most a few hundred thousand puts):
 * one instance per load thread, so recording takes no lock; merged once at the end for the percentiles.
 */
final class LatencySamples {

    private long[] nanos = new long[4096];
    private int size;

    void record(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    int size() {
        return size;
    }

    /** All threads' samples, sorted ascending. */
    static long[] mergeSorted(List<LatencySamples> perThread) {
        int total = perThread.stream().mapToInt(LatencySamples::size).sum();
        long[] all = new long[total];
        int at = 0;
        for (LatencySamples samples : perThread) {
            System.arraycopy(samples.nanos, 0, all, at, samples.size);
            at += samples.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile ({@code fraction} in (0, 1]) of sorted samples; 0 when there are none. */
    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
