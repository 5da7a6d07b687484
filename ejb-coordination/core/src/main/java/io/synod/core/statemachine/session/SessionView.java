package io.synod.core.statemachine.session;

import java.util.List;
import java.util.Optional;

/** The read side of the session table: what the shell, the console and the lock service may look at. */
public interface SessionView {

    Optional<Session> session(String sessionId);

    /** Present and its deadline after {@code nowMillis}. */
    boolean isLive(String sessionId, long nowMillis);

    /** Every session in id order, with TTL left at {@code nowMillis}. */
    List<SessionInfo> sessions(long nowMillis);

    /** Ids whose deadline is at or before {@code nowMillis}: what the leader proposes to expire. */
    List<String> lapsedAt(long nowMillis);

    int size();
}
