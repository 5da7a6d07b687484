package io.synod.core.statemachine.session;

import java.util.Objects;

/**
 * A session left the table at log entry {@code index}, at leader time {@code timeMillis}. Listeners release what
 * the session held; anything they grant as a consequence is granted by this entry, so its fencing token is
 * {@code index}.
 */
public record SessionEnd(String sessionId, Cause cause, long index, long timeMillis) {

    public enum Cause {
        /** The client closed it: a clean release. */
        CLOSED,
        /** Its deadline passed: the holder may still believe it holds things (paused, partitioned). */
        EXPIRED
    }

    public SessionEnd {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(cause, "cause");
    }
}
