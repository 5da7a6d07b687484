/**
 * Client sessions: a session has a client-chosen id, an owner (instance or node name) and a TTL kept alive by
 * heartbeats, all in leader-stamped time. The leader proposes the expiry of lapsed sessions; the state machine
 * re-checks each against the entry's time. When a session ends (close or expiry) the registered
 * {@link io.synod.core.statemachine.session.SessionListener}s release everything it held, in the same entry.
 *
 * <p>{@link io.synod.core.statemachine.session.SessionTable} is the typed state,
 * {@link io.synod.core.statemachine.session.SessionStateMachine} the byte-level service,
 * {@link io.synod.core.statemachine.session.SessionView} its read side.
 */
package io.synod.core.statemachine.session;
