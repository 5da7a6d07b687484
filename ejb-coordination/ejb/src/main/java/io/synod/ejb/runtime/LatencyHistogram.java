package io.synod.ejb.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-bucket latency histogram (cumulative-friendly, as Prometheus/MicroProfile histograms are exported):
 * lock-free to record from any thread, read without stopping writers.
 */
public final class LatencyHistogram {

    /** Upper bounds of the buckets; one more bucket counts everything slower. */
    private static final long[] BOUNDS_MICROS = {100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000,
            100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000};

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_MICROS.length + 1);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong sumNanos = new AtomicLong();

    public void record(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        int bucket = 0;
        while (bucket < BOUNDS_MICROS.length && micros > BOUNDS_MICROS[bucket]) {
            bucket++;
        }
        counts.incrementAndGet(bucket);
        count.incrementAndGet();
        sumNanos.addAndGet(Math.max(0, nanos));
    }

    /** The buckets' upper bounds (inclusive); {@link #bucketCounts()} has one more entry, for slower samples. */
    public static List<Duration> upperBounds() {
        return java.util.Arrays.stream(BOUNDS_MICROS).mapToObj(Duration::ofNanos)
                .map(d -> d.multipliedBy(1_000)).toList();
    }

    /** Samples per bucket (not cumulative), in the order of {@link #upperBounds()} plus the overflow bucket. */
    public long[] bucketCounts() {
        long[] out = new long[counts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    public long count() {
        return count.get();
    }

    public Duration sum() {
        return Duration.ofNanos(sumNanos.get());
    }
}
