package io.synod.core.statemachine.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The session service's commands: what goes into the log. Records hold only structural checks (no nulls);
 * {@link SessionValidator} checks ids and bounds before proposal and again on apply.
 */
public sealed interface SessionCommand {

    /**
     * Start a session with an id the client chose (so a retried open is recognisable), the instance or node that
     * owns it, and its TTL: it lives until {@code ttlMillis} of leader time pass without a keep-alive.
     */
    record Open(String sessionId, String owner, long ttlMillis) implements SessionCommand {
        public Open {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(owner, "owner");
        }

        /** @throws ArithmeticException if {@code ttl} does not fit in a long of millis */
        public static Open of(String sessionId, String owner, Duration ttl) {
            return new Open(sessionId, owner, ttl.toMillis());
        }
    }

    /** A heartbeat: the deadline becomes the entry's leader time + the session's TTL. */
    record KeepAlive(String sessionId) implements SessionCommand {
        public KeepAlive {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** A clean end: everything the session holds is released at once (no lock-delay). */
    record Close(String sessionId) implements SessionCommand {
        public Close {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Proposed by the leader for sessions whose deadline passed in its time. Each one is re-checked against the
     * entry's time, so an expiry proposed just before a keep-alive was applied expires nothing.
     */
    record Expire(List<String> sessionIds) implements SessionCommand {
        public Expire {
            sessionIds = List.copyOf(sessionIds);
        }
    }
}
