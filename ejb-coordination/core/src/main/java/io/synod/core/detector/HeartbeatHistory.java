package io.synod.core.detector;

/**
 * The sliding window of one member's heartbeat inter-arrival intervals, with running sums so mean and variance
 * cost O(1) per heartbeat (as in Akka's {@code HeartbeatHistory}). Intervals are whole milliseconds, so the sums
 * are exact longs and the statistics do not drift over millions of heartbeats.
 */
final class HeartbeatHistory {

    /** Longer gaps are clamped: they are outages, not heartbeat intervals, and would overflow the squared sum. */
    static final long MAX_INTERVAL_MILLIS = 3_600_000;

    private final long[] intervals;
    private int start;
    private int size;
    private long sum;
    private long squaredSum;

    HeartbeatHistory(int maxSamples) {
        this.intervals = new long[maxSamples];
    }

    /**
     * A new member has no history; seed it with two intervals around the estimate (mean = estimate, stddev =
     * estimate / 4), so the first pause is judged against a plausible distribution rather than none.
     */
    static HeartbeatHistory seeded(int maxSamples, long firstEstimateMillis) {
        HeartbeatHistory history = new HeartbeatHistory(maxSamples);
        long stdDev = Math.max(1, firstEstimateMillis / 4);
        history.add(Math.max(0, firstEstimateMillis - stdDev));
        history.add(firstEstimateMillis + stdDev);
        return history;
    }

    void add(long rawIntervalMillis) {
        long intervalMillis = Math.min(Math.max(0, rawIntervalMillis), MAX_INTERVAL_MILLIS);
        if (size == intervals.length) {
            long dropped = intervals[start];
            sum -= dropped;
            squaredSum -= dropped * dropped;
            start = (start + 1) % intervals.length;
            size--;
        }
        intervals[(start + size) % intervals.length] = intervalMillis;
        size++;
        sum += intervalMillis;
        squaredSum += intervalMillis * intervalMillis;
    }

    int size() {
        return size;
    }

    double mean() {
        return (double) sum / size;
    }

    double variance() {
        double mean = mean();
        return Math.max(0.0, (double) squaredSum / size - mean * mean);
    }

    double stdDev() {
        return Math.sqrt(variance());
    }
}
