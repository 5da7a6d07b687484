package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.Session;
import io.synod.core.statemachine.session.SessionInfo;
import io.synod.core.statemachine.session.SessionStateMachine;
import io.synod.core.statemachine.session.SessionView;

import java.util.List;
import java.util.Optional;

/**
 * The lock service with a known-wrong behaviour switched on, for the simulation's teeth: the real {@link LockTable}
 * and {@link LockStateMachine} over a session view that calls every known session live, so a grant (direct, or a
 * waiter handed the lock on a release or a wait expiry) no longer re-checks that the grantee's session is within its
 * deadline — the etcd#11456 bug the lock table's javadoc names. Test-only; it lives in the lock package for the
 * machine's package-private constructor.
 */
public final class LockStateMachineWithInjectedBug {

    private LockStateMachineWithInjectedBug() {
    }

    public static LockStateMachine grantingWithoutSessionCheck(LockLimits limits, SessionStateMachine sessions) {
        SessionView real = sessions.view();
        SessionView lying = new SessionView() {
            @Override
            public Optional<Session> session(String sessionId) {
                return real.session(sessionId);
            }

            @Override
            public boolean isLive(String sessionId, long nowMillis) {
                return real.session(sessionId).isPresent(); // the bug: the deadline is not re-checked at grant time
            }

            @Override
            public List<SessionInfo> sessions(long nowMillis) {
                return real.sessions(nowMillis);
            }

            @Override
            public List<String> lapsedAt(long nowMillis) {
                return real.lapsedAt(nowMillis);
            }

            @Override
            public int size() {
                return real.size();
            }
        };
        return new LockStateMachine(new LockTable(limits, lying), sessions);
    }
}
