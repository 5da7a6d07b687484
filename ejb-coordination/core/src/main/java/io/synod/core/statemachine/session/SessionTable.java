package io.synod.core.statemachine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The replicated session table. Time is always the entry's leader time, passed in; a session whose deadline has
 * passed is lapsed at once (it cannot renew or be granted anything) but only leaves the table — releasing what it
 * holds through the {@link SessionListener}s — when an entry ends it: a close, or the leader's expiry.
 *
 * <p>Sorted map, listeners in a list: every replica iterates in the same order. Not thread-safe.
 */
public final class SessionTable implements SessionView {

    private final SessionValidator validator;
    private final TreeMap<String, Session> sessions = new TreeMap<>();
    private final List<SessionListener> listeners = new ArrayList<>();

    public SessionTable(SessionLimits limits) {
        this.validator = new SessionValidator(limits);
    }

    public SessionLimits limits() {
        return validator.limits();
    }

    /** Not replicated state: the services wired to this table register once, at construction. */
    public void addListener(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Apply one command, at log index {@code index} and leader time {@code nowMillis}. Never throws for a bad
     * command: a broken rule is a {@link SessionResult.Rejected} and changes nothing.
     */
    public SessionResult apply(SessionCommand command, long index, long nowMillis) {
        Objects.requireNonNull(command, "command");
        try {
            validator.validate(command);
        } catch (CoordinationValidationException e) {
            return new SessionResult.Rejected(SessionViolation.of(e), e.getMessage());
        }
        if (command instanceof SessionCommand.Open c) {
            return open(c, nowMillis);
        }
        if (command instanceof SessionCommand.KeepAlive c) {
            return keepAlive(c.sessionId(), nowMillis);
        }
        if (command instanceof SessionCommand.Close c) {
            return close(c.sessionId(), index, nowMillis);
        }
        return expire(((SessionCommand.Expire) command).sessionIds(), index, nowMillis);
    }

    private SessionResult open(SessionCommand.Open c, long nowMillis) {
        if (sessions.containsKey(c.sessionId())) {
            return new SessionResult.Rejected(SessionViolation.SESSION_EXISTS,
                    "session " + c.sessionId() + " already exists");
        }
        if (sessions.size() >= limits().maxSessions()) {
            return new SessionResult.Rejected(SessionViolation.TOO_MANY_SESSIONS,
                    "the table holds the maximum of " + limits().maxSessions() + " sessions");
        }
        Session session = new Session(c.sessionId(), c.owner(), c.ttlMillis(), nowMillis, nowMillis);
        sessions.put(session.id(), session);
        return new SessionResult.Opened(session);
    }

    private SessionResult keepAlive(String id, long nowMillis) {
        Session session = sessions.get(id);
        if (session == null) {
            return new SessionResult.NotFound(id);
        }
        if (!session.isLiveAt(nowMillis)) {
            return new SessionResult.Lapsed(id, session.deadlineMillis());
        }
        Session renewed = session.renewedAt(nowMillis);
        sessions.put(id, renewed);
        return new SessionResult.Renewed(renewed);
    }

    private SessionResult close(String id, long index, long nowMillis) {
        Session session = sessions.get(id);
        if (session == null) {
            return new SessionResult.NotFound(id);
        }
        // Closing a session that already lapsed is its expiry: the lock-delay protects against a holder that
        // may have acted on a lock after its deadline, whoever notices first.
        boolean lapsed = !session.isLiveAt(nowMillis);
        end(id, lapsed ? SessionEnd.Cause.EXPIRED : SessionEnd.Cause.CLOSED, index, nowMillis);
        return lapsed ? new SessionResult.Expired(List.of(id)) : new SessionResult.Closed(id);
    }

    private SessionResult expire(List<String> ids, long index, long nowMillis) {
        List<String> expired = new ArrayList<>();
        for (String id : new TreeSet<>(ids)) {
            Session session = sessions.get(id);
            if (session != null && !session.isLiveAt(nowMillis)) {
                end(id, SessionEnd.Cause.EXPIRED, index, nowMillis);
                expired.add(id);
            }
        }
        return new SessionResult.Expired(expired);
    }

    private void end(String id, SessionEnd.Cause cause, long index, long nowMillis) {
        sessions.remove(id);
        SessionEnd end = new SessionEnd(id, cause, index, nowMillis);
        for (SessionListener listener : listeners) {
            listener.sessionEnded(end);
        }
    }

    // ---- reads ----

    @Override
    public Optional<Session> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public boolean isLive(String sessionId, long nowMillis) {
        Session session = sessions.get(sessionId);
        return session != null && session.isLiveAt(nowMillis);
    }

    @Override
    public List<SessionInfo> sessions(long nowMillis) {
        return sessions.values().stream().map(s -> SessionInfo.of(s, nowMillis)).toList();
    }

    @Override
    public List<String> lapsedAt(long nowMillis) {
        return sessions.values().stream().filter(s -> !s.isLiveAt(nowMillis)).map(Session::id).toList();
    }

    @Override
    public int size() {
        return sessions.size();
    }

    // ---- snapshot image ----

    List<Session> image() {
        return List.copyOf(sessions.values());
    }

    /** Replace the sessions; listeners are not told (the services restore their own part of the same image). */
    void load(List<Session> image) {
        sessions.clear();
        image.forEach(s -> sessions.put(s.id(), s));
    }
}
