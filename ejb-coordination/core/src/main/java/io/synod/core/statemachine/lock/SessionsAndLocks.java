package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.StateMachine;
import io.synod.core.statemachine.session.SessionLimits;
import io.synod.core.statemachine.session.SessionStateMachine;

import java.util.List;
import java.util.Objects;

/**
 * The sessions and locks services of one group, wired together (locks check session liveness and are released when
 * a session ends). Both go into the group's {@code StateMachineRegistry}: {@code new StateMachineRegistry(policy,
 * List.of(kv, sessionsAndLocks.sessions(), sessionsAndLocks.locks()))}, or with {@link #machines()}.
 */
public record SessionsAndLocks(SessionStateMachine sessions, LockStateMachine locks) {

    public SessionsAndLocks {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(locks, "locks");
    }

    public static SessionsAndLocks create(SessionLimits sessionLimits, LockLimits lockLimits) {
        SessionStateMachine sessions = new SessionStateMachine(sessionLimits);
        return new SessionsAndLocks(sessions, new LockStateMachine(lockLimits, sessions));
    }

    public List<StateMachine> machines() {
        return List.of(sessions, locks);
    }
}
