package io.synod.core.statemachine.session;

/**
 * Told, inside the apply of the entry that ends a session, that the session is gone. Listeners are called in
 * registration order, once per session, sessions in id order — the same order on every replica. A listener must
 * be deterministic and must not throw for any session id.
 */
@FunctionalInterface
public interface SessionListener {

    void sessionEnded(SessionEnd end);
}
