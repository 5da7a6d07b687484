package io.synod.core.statemachine.kv;

import java.time.Duration;
import java.util.Objects;

/**
 * Configurable bounds of the key-value store. The shell checks them before proposing, and the store checks them
 * again on apply, so they must be configured identically on every member of a group.
 *
 * @param maxKeyBytes        longest key, in UTF-8 bytes
 * @param maxValueBytes      largest value
 * @param maxScanLimit       most keys one scan may return
 * @param maxTtl             longest time-to-live
 * @param historyMaxEvents   watch history bound, in events (older revisions are compacted away)
 * @param historyMaxBytes    watch history bound, in approximate bytes (values are kept in the history)
 * @param maxScanBytes       a scan page ends early (with {@code more}) once its keys and values reach this size,
 *                           so one page of large values cannot become a huge result (and a huge dedup entry)
 */
public record KvLimits(int maxKeyBytes, int maxValueBytes, int maxScanLimit, Duration maxTtl,
                       int historyMaxEvents, long historyMaxBytes, int maxScanBytes) {

    /** Absolute ceilings, also what decoders accept regardless of configuration. */
    public static final int HARD_MAX_KEY_BYTES = 64 * 1024;
    public static final int HARD_MAX_VALUE_BYTES = 32 * 1024 * 1024;
    public static final int HARD_MAX_SCAN_LIMIT = 1_000_000;

    public static final KvLimits DEFAULT =
            new KvLimits(1024, 1024 * 1024, 10_000, Duration.ofDays(365), 100_000, 64L * 1024 * 1024, 4 * 1024 * 1024);

    public KvLimits {
        Objects.requireNonNull(maxTtl, "maxTtl");
        requireIn("maxKeyBytes", maxKeyBytes, 1, HARD_MAX_KEY_BYTES);
        requireIn("maxValueBytes", maxValueBytes, 0, HARD_MAX_VALUE_BYTES);
        requireIn("maxScanLimit", maxScanLimit, 1, HARD_MAX_SCAN_LIMIT);
        requireIn("historyMaxEvents", historyMaxEvents, 1, Integer.MAX_VALUE);
        requireIn("maxScanBytes", maxScanBytes, 1, Integer.MAX_VALUE);
        if (maxTtl.toMillis() < 1 || historyMaxBytes < 1) {
            throw new IllegalArgumentException("maxTtl must be >= 1 ms and historyMaxBytes >= 1: " + maxTtl + ", "
                    + historyMaxBytes);
        }
    }

    public KvLimits withMaxKeyBytes(int bytes) {
        return new KvLimits(bytes, maxValueBytes, maxScanLimit, maxTtl,
                historyMaxEvents, historyMaxBytes, maxScanBytes);
    }

    public KvLimits withMaxValueBytes(int bytes) {
        return new KvLimits(maxKeyBytes, bytes, maxScanLimit, maxTtl,
                historyMaxEvents, historyMaxBytes, maxScanBytes);
    }

    public KvLimits withMaxScanLimit(int limit) {
        return new KvLimits(maxKeyBytes, maxValueBytes, limit, maxTtl,
                historyMaxEvents, historyMaxBytes, maxScanBytes);
    }

    public KvLimits withMaxTtl(Duration ttl) {
        return new KvLimits(maxKeyBytes, maxValueBytes, maxScanLimit, ttl,
                historyMaxEvents, historyMaxBytes, maxScanBytes);
    }

    public KvLimits withHistory(int maxEvents, long maxBytes) {
        return new KvLimits(maxKeyBytes, maxValueBytes, maxScanLimit, maxTtl,
                maxEvents, maxBytes, maxScanBytes);
    }

    public KvLimits withMaxScanBytes(int bytes) {
        return new KvLimits(maxKeyBytes, maxValueBytes, maxScanLimit, maxTtl,
                historyMaxEvents, historyMaxBytes, bytes);
    }

    private static void requireIn(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
