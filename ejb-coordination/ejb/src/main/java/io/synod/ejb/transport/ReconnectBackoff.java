package io.synod.ejb.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect delay with jitter: {@code min * 2^(failures-1)}, capped at {@code max}, then spread over
 * [50%, 100%] so that the members of a cluster that lost a peer at the same instant do not all dial it in step.
 */
final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;

    ReconnectBackoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
    }

    long delayMillis(int consecutiveFailures) {
        int shift = Math.min(30, Math.max(0, consecutiveFailures - 1));
        long capped = Math.min(maxMillis, minMillis << shift);
        long half = Math.max(1, capped / 2);
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
