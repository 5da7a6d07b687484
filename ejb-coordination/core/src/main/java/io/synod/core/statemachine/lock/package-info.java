/**
 * Distributed locks with fencing tokens: named locks held by session-owned leases, FIFO waiters with wait
 * deadlines in leader time, opt-in reentrancy per lease, an optional lock-delay after a holder's session expires,
 * and fence checks. The fencing token of a grant is the log index of the entry that made it — an acquire, a
 * release, a session's end or a waiter sweep — hence strictly increasing per lock across leaders and restarts.
 *
 * <p>{@link io.synod.core.statemachine.lock.LockTable} is the typed state,
 * {@link io.synod.core.statemachine.lock.LockStateMachine} the byte-level service (wired to the sessions service),
 * {@link io.synod.core.statemachine.lock.LockView} its read side. Lock names:
 * {@link io.synod.core.statemachine.lock.LockNames}.
 */
package io.synod.core.statemachine.lock;
