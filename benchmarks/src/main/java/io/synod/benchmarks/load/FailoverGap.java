package io.synod.benchmarks.load;

import java.util.Arrays;
import java.util.Optional;

/**
 * The write gap a leader kill caused, from the acknowledged writes' timestamps ({@link System#nanoTime()}):
 * {@code gap} is from the kill to the first acknowledgement of a write <em>issued after</em> the kill (a write
 * already committed before the kill and acknowledged late would hide the outage), and {@code longestPause} the
 * longest time between two consecutive acknowledgements in the whole phase (the outage as a client sees it).
 * Empty {@code gap} when no write issued after the kill was acknowledged.
 */
record FailoverGap(Optional<Long> gapNanos, long longestPauseNanos, int acks) {

    /**
     * @param killNanos when the kill was sent
     * @param sentNanos when each acknowledged write was sent, index-aligned with {@code ackNanos}
     * @param ackNanos  when each acknowledged write's answer arrived, in any order
     */
    static FailoverGap compute(long killNanos, long[] sentNanos, long[] ackNanos) {
        if (sentNanos.length != ackNanos.length) {
            throw new IllegalArgumentException("sent and ack timestamps differ in count: "
                    + sentNanos.length + " vs " + ackNanos.length);
        }
        Long firstAfter = null;
        for (int i = 0; i < ackNanos.length; i++) {
            if (sentNanos[i] >= killNanos && (firstAfter == null || ackNanos[i] < firstAfter)) {
                firstAfter = ackNanos[i];
            }
        }
        long[] sorted = ackNanos.clone();
        Arrays.sort(sorted);
        long longest = 0;
        for (int i = 1; i < sorted.length; i++) {
            longest = Math.max(longest, sorted[i] - sorted[i - 1]);
        }
        return new FailoverGap(Optional.ofNullable(firstAfter).map(ack -> ack - killNanos), longest, ackNanos.length);
    }

    /** "1234 ms" or "none acknowledged" for the summary line. */
    String gapText() {
        return gapNanos.map(g -> Math.round(g / 1e6) + " ms").orElse("no write acknowledged after the kill");
    }
}
