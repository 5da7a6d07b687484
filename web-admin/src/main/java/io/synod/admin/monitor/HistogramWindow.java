package io.synod.admin.monitor;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Percentiles of what a cumulative bucket histogram recorded between two readings (the runtime's
 * {@code LatencyHistogram} only ever grows). A percentile is reported as the upper bound of the bucket it falls
 * in, so it is exact to the bucket; samples slower than the last bound report that bound.
 */
public final class HistogramWindow {

    private final List<Duration> upperBounds;
    private long[] previous;

    /** @param upperBounds the buckets' bounds; readings carry one more count, for the overflow bucket */
    public HistogramWindow(List<Duration> upperBounds) {
        this.upperBounds = List.copyOf(upperBounds);
    }

    /** What was recorded since the last call: {@code quantiles} (0..1) in milliseconds, empty when nothing was. */
    public synchronized OptionalDouble[] next(long[] cumulative, double... quantiles) {
        long[] before = previous == null ? new long[cumulative.length] : previous;
        boolean first = previous == null;
        previous = cumulative.clone();
        long[] window = new long[cumulative.length];
        long total = 0;
        for (int i = 0; i < cumulative.length; i++) {
            window[i] = Math.max(0, cumulative[i] - before[i]);
            total += window[i];
        }
        OptionalDouble[] out = new OptionalDouble[quantiles.length];
        for (int q = 0; q < quantiles.length; q++) {
            // the first reading covers everything since start, not one window: nothing to report yet
            out[q] = first || total == 0 ? OptionalDouble.empty() : OptionalDouble.of(quantile(window, total, quantiles[q]));
        }
        return out;
    }

    private double quantile(long[] window, long total, double quantile) {
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < window.length; i++) {
            seen += window[i];
            if (seen >= rank) {
                return bound(Math.min(i, upperBounds.size() - 1));
            }
        }
        return bound(upperBounds.size() - 1);
    }

    private double bound(int i) {
        return upperBounds.get(i).toNanos() / 1_000_000.0;
    }
}
