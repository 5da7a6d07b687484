package io.synod.core.statemachine.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * Configurable bounds and timings of the scheduler. They shape the replicated state (validation on apply, lease
 * lengths, aging), so every member of a group must use the same values.
 *
 * @param maxPayloadBytes  largest task payload
 * @param maxResultBytes   largest completion result; error messages are bounded by {@code maxErrorBytes}
 * @param minPriority      lowest priority accepted; {@code maxPriority} the highest
 * @param maxAttempts      highest max-attempts a spec may ask for
 * @param maxDelay         longest submit delay
 * @param maxBackoff       longest backoff a retry policy may ask for
 * @param maxAttemptTimeout longest timeout per attempt
 * @param attemptLease     how long an attempt lease lasts after assignment, start or renewal
 * @param agingStep        a ready task gains one priority point per this much waiting
 * @param maxTasks         most tasks the table holds (final ones included)
 * @param maxListLimit     most items one assign batch or one query page may return
 * @param maxCapacity      highest capacity a member may register
 */
public record SchedulerLimits(int maxTaskIdBytes, int maxHandlerBytes, int maxPayloadBytes, int maxResultBytes,
                              int maxErrorBytes, int minPriority, int maxPriority, int maxAttempts,
                              Duration maxDelay, Duration maxBackoff, Duration maxAttemptTimeout,
                              Duration attemptLease, Duration agingStep, int maxTasks, int maxListLimit,
                              int maxCapacity) {

    /** Absolute ceilings, also what decoders accept regardless of configuration. */
    public static final int HARD_MAX_ID_BYTES = 1024;
    public static final int HARD_MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;
    public static final int HARD_MAX_ERROR_BYTES = 64 * 1024;
    public static final int HARD_MAX_HANDLERS = 1024;

    public static final SchedulerLimits DEFAULT = new SchedulerLimits(128, 128, 1024 * 1024, 1024 * 1024, 4096,
            0, 1000, 100, Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(1), Duration.ofSeconds(15),
            Duration.ofSeconds(10), 1_000_000, 10_000, 10_000);

    public SchedulerLimits {
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxAttemptTimeout, "maxAttemptTimeout");
        Objects.requireNonNull(attemptLease, "attemptLease");
        Objects.requireNonNull(agingStep, "agingStep");
        requireIn("maxTaskIdBytes", maxTaskIdBytes, 1, HARD_MAX_ID_BYTES);
        requireIn("maxHandlerBytes", maxHandlerBytes, 1, HARD_MAX_ID_BYTES);
        requireIn("maxPayloadBytes", maxPayloadBytes, 0, HARD_MAX_PAYLOAD_BYTES);
        requireIn("maxResultBytes", maxResultBytes, 0, HARD_MAX_PAYLOAD_BYTES);
        requireIn("maxErrorBytes", maxErrorBytes, 0, HARD_MAX_ERROR_BYTES);
        requireIn("maxPriority", maxPriority, minPriority, Integer.MAX_VALUE);
        requireIn("maxAttempts", maxAttempts, 1, 1_000_000);
        requireIn("maxTasks", maxTasks, 1, Integer.MAX_VALUE);
        requireIn("maxListLimit", maxListLimit, 1, 1_000_000);
        requireIn("maxCapacity", maxCapacity, 1, 1_000_000);
        if (maxDelay.isNegative() || maxBackoff.isNegative() || maxAttemptTimeout.toMillis() < 1
                || attemptLease.toMillis() < 1 || agingStep.toMillis() < 1) {
            throw new IllegalArgumentException("durations must be >= 0 (delay, backoff) or >= 1 ms (timeout, lease,"
                    + " aging step)");
        }
    }

    public SchedulerLimits withMaxPayloadBytes(int bytes) {
        return new SchedulerLimits(maxTaskIdBytes, maxHandlerBytes, bytes, maxResultBytes, maxErrorBytes,
                minPriority, maxPriority, maxAttempts, maxDelay, maxBackoff, maxAttemptTimeout, attemptLease,
                agingStep, maxTasks, maxListLimit, maxCapacity);
    }

    public SchedulerLimits withTimings(Duration lease, Duration aging) {
        return new SchedulerLimits(maxTaskIdBytes, maxHandlerBytes, maxPayloadBytes, maxResultBytes, maxErrorBytes,
                minPriority, maxPriority, maxAttempts, maxDelay, maxBackoff, maxAttemptTimeout, lease, aging,
                maxTasks, maxListLimit, maxCapacity);
    }

    public SchedulerLimits withMaxTasks(int tasks) {
        return new SchedulerLimits(maxTaskIdBytes, maxHandlerBytes, maxPayloadBytes, maxResultBytes, maxErrorBytes,
                minPriority, maxPriority, maxAttempts, maxDelay, maxBackoff, maxAttemptTimeout, attemptLease,
                agingStep, tasks, maxListLimit, maxCapacity);
    }

    private static void requireIn(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
