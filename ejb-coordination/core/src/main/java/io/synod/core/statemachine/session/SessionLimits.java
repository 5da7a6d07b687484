package io.synod.core.statemachine.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the session table. They shape replicated outcomes (a TTL accepted on one member and refused on another
 * would diverge), so they must be configured identically on every member of a group.
 *
 * @param maxTtl          longest TTL a session may ask for
 * @param maxSessions     most sessions held at once; an open beyond it is refused
 * @param maxExpireBatch  most session ids one expiry command may name
 */
public record SessionLimits(Duration maxTtl, int maxSessions, int maxExpireBatch) {

    public static final SessionLimits DEFAULT = new SessionLimits(Duration.ofHours(1), 100_000, 10_000);

    public SessionLimits {
        Objects.requireNonNull(maxTtl, "maxTtl");
        if (maxTtl.toMillis() < 1 || maxSessions < 1 || maxExpireBatch < 1) {
            throw new IllegalArgumentException("maxTtl must be >= 1 ms, maxSessions and maxExpireBatch >= 1: "
                    + maxTtl + ", " + maxSessions + ", " + maxExpireBatch);
        }
    }

    public long maxTtlMillis() {
        return maxTtl.toMillis();
    }
}
