package io.synod.core.statemachine;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the duplicate-detection table. Must be identical on every replica of a group (it shapes the
 * replicated state). A client that stays silent longer than {@code idleTimeout} (leader time) is forgotten, so
 * its retries must arrive within that window; {@code maxClients} caps memory, evicting the least recently
 * active client first.
 */
public record ClientSessionPolicy(Duration idleTimeout, int maxClients) {

    public static final ClientSessionPolicy DEFAULT = new ClientSessionPolicy(Duration.ofMinutes(15), 65_536);

    public ClientSessionPolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 ms, got " + idleTimeout);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be >= 1, got " + maxClients);
        }
    }

    public long idleTimeoutMillis() {
        return idleTimeout.toMillis();
    }
}
