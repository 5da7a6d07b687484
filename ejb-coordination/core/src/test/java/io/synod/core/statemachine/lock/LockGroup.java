package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionCommandCodec;
import io.synod.core.statemachine.session.SessionLimits;
import io.synod.core.statemachine.session.SessionResult;
import io.synod.core.statemachine.session.SessionResultCodec;
import io.synod.core.statemachine.session.SessionStateMachine;

import java.util.List;

/**
 * The sessions and locks services of one group, driven entry by entry as the registry would: every command gets
 * the next log index and the current leader time, so a test can name the index a token must equal.
 */
final class LockGroup {

    final SessionStateMachine sessions;
    final LockStateMachine locks;
    long index;
    long now;

    LockGroup(LockLimits lockLimits) {
        this(lockLimits, SessionLimits.DEFAULT);
    }

    LockGroup(LockLimits lockLimits, SessionLimits sessionLimits) {
        this.sessions = new SessionStateMachine(sessionLimits);
        this.locks = new LockStateMachine(lockLimits, sessions);
    }

    LockGroup at(long time) {
        now = time;
        return this;
    }

    /** The index the next command will be applied at. */
    long nextIndex() {
        return index + 1;
    }

    SessionResult session(SessionCommand command) {
        byte[] result = sessions.apply(applied(ServiceId.SESSIONS, SessionCommandCodec.encode(command)));
        try {
            return SessionResultCodec.decode(result);
        } catch (CodecException e) {
            throw new AssertionError(e);
        }
    }

    LockResult lock(LockCommand command) {
        return lockBytes(LockCommandCodec.encode(command));
    }

    LockResult lockBytes(byte[] payload) {
        byte[] result = locks.apply(applied(ServiceId.LOCKS, payload));
        try {
            return LockResultCodec.decode(result);
        } catch (CodecException e) {
            throw new AssertionError(e);
        }
    }

    private AppliedCommand applied(ServiceId service, byte[] payload) {
        index++;
        return new AppliedCommand(index, now, new CommandEnvelope(ClientId.of("test"), index, now, service, payload));
    }

    SessionResult open(String sessionId, long ttl) {
        return session(new SessionCommand.Open(sessionId, "node-" + sessionId, ttl));
    }

    SessionResult keepAlive(String sessionId) {
        return session(new SessionCommand.KeepAlive(sessionId));
    }

    SessionResult close(String sessionId) {
        return session(new SessionCommand.Close(sessionId));
    }

    SessionResult expire(String... sessionIds) {
        return session(new SessionCommand.Expire(List.of(sessionIds)));
    }

    /** Wait forever, not reentrant: {@code acquire(name)}. */
    LockResult acquire(String lock, String session, String lease) {
        return lock(new LockCommand.Acquire(lock, session, lease, false, LockCommand.WAIT_FOREVER));
    }

    LockResult tryAcquire(String lock, String session, String lease, long waitMillis) {
        return lock(new LockCommand.Acquire(lock, session, lease, false, waitMillis));
    }

    LockResult acquireReentrant(String lock, String session, String lease) {
        return lock(new LockCommand.Acquire(lock, session, lease, true, LockCommand.WAIT_FOREVER));
    }

    LockResult release(String lock, String lease) {
        return lock(new LockCommand.Release(lock, lease));
    }

    LockResult expireWaiters() {
        return lock(new LockCommand.ExpireWaiters());
    }

    LockResult fence(String lock, long token) {
        return lock(new LockCommand.CheckFence(lock, token));
    }

    LockView view() {
        return locks.view();
    }

    LockHolder holder(String lock) {
        return view().lock(lock).orElseThrow().holder().orElseThrow();
    }

    List<String> waiters(String lock) {
        return view().lock(lock).orElseThrow().waiters().stream().map(LockWaiter::leaseId).toList();
    }
}
