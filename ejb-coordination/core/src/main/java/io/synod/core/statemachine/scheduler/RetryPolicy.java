package io.synod.core.statemachine.scheduler;

/**
 * How often a task may be attempted and how long to wait between attempts: exponential backoff
 * {@code min(backoffMax, backoffBase * 2^(failures - 1))}. Structural checks only; bounds are the validator's.
 */
public record RetryPolicy(int maxAttempts, long backoffBaseMillis, long backoffMaxMillis) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, 1_000, 60_000);

    /** Delay before attempt {@code failedAttempts + 1}, after {@code failedAttempts} (>= 1) failed ones. */
    public long backoffMillis(int failedAttempts) {
        if (failedAttempts < 1 || backoffBaseMillis <= 0) {
            return 0;
        }
        int doublings = Math.min(failedAttempts - 1, 62);
        long delay = backoffBaseMillis;
        for (int i = 0; i < doublings && delay < backoffMaxMillis; i++) {
            delay = delay > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : delay * 2;
        }
        return Math.min(delay, backoffMaxMillis);
    }
}
