package io.synod.core.statemachine.session;

import java.util.Objects;

/**
 * One client session as the table holds it. Times are leader time (epoch millis). The session is live while the
 * entry time is before {@link #deadlineMillis()}; past it, the session is <em>lapsed</em>: it can no longer renew,
 * acquire or be granted anything, and waits for the leader's expiry to release what it holds.
 */
public record Session(String id, String owner, long ttlMillis, long openedAtMillis, long lastHeartbeatMillis) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        if (ttlMillis < 1 || openedAtMillis < 0 || lastHeartbeatMillis < openedAtMillis) {
            throw new IllegalArgumentException("need ttl >= 1 and 0 <= openedAt <= lastHeartbeat: " + ttlMillis
                    + ", " + openedAtMillis + ", " + lastHeartbeatMillis);
        }
    }

    public long deadlineMillis() {
        long sum = lastHeartbeatMillis + ttlMillis;
        return sum < lastHeartbeatMillis ? Long.MAX_VALUE : sum;
    }

    public boolean isLiveAt(long nowMillis) {
        return nowMillis < deadlineMillis();
    }

    Session renewedAt(long nowMillis) {
        return new Session(id, owner, ttlMillis, openedAtMillis, Math.max(lastHeartbeatMillis, nowMillis));
    }
}
