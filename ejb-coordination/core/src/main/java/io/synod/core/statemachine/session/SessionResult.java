package io.synod.core.statemachine.session;

import java.util.List;
import java.util.Objects;

/**
 * What a session command produced. Refusals are ordinary results, replicated and replayed by the duplicate filter
 * like any other.
 */
public sealed interface SessionResult {

    record Opened(Session session) implements SessionResult {
        public Opened {
            Objects.requireNonNull(session, "session");
        }
    }

    /** The keep-alive was applied; {@code session} carries the new deadline. */
    record Renewed(Session session) implements SessionResult {
        public Renewed {
            Objects.requireNonNull(session, "session");
        }
    }

    record Closed(String sessionId) implements SessionResult {
        public Closed {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * The sessions this entry expired, in id order (possibly none: each named session was re-checked and had been
     * renewed, closed or already expired). A close of a lapsed session also answers with this.
     */
    record Expired(List<String> sessionIds) implements SessionResult {
        public Expired {
            sessionIds = List.copyOf(sessionIds);
        }
    }

    /** No such session (never opened, closed or expired): the client must open a new one. */
    record NotFound(String sessionId) implements SessionResult {
        public NotFound {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * The session's deadline passed before this keep-alive: it is not renewed, because another client may already
     * have been told it lost its locks' holder. Its expiry is on the way.
     */
    record Lapsed(String sessionId, long deadlineMillis) implements SessionResult {
        public Lapsed {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /** The command broke a rule; nothing changed. */
    record Rejected(SessionViolation violation, String message) implements SessionResult {
        public Rejected {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(message, "message");
        }
    }
}
