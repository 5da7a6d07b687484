package io.synod.api;

import java.time.Instant;
import java.util.Objects;

/** Why and when this instance learned that a lease is gone. */
public record LeaseLostEvent(String lockName, long fencingToken, Reason reason, Instant noticedAt) {

    public enum Reason {
        /** The session holding the lease expired (no heartbeat reached the leader within the TTL). */
        SESSION_EXPIRED,
        /** The cluster no longer records this lease as the holder (released by someone else's decision). */
        REVOKED
    }

    public LeaseLostEvent {
        Objects.requireNonNull(lockName, "lockName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(noticedAt, "noticedAt");
    }
}
