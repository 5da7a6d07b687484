/**
 * Replicated state machines: the SPI every service implements ({@link io.synod.core.statemachine.StateMachine},
 * after Apache Ratis' applyTransaction / takeSnapshot / reinitialize), the
 * {@link io.synod.core.statemachine.CommandEnvelope} each NORMAL log entry carries, the duplicate filter of
 * thesis §6.3 ({@link io.synod.core.statemachine.ClientSessions}) and the per-group
 * {@link io.synod.core.statemachine.StateMachineRegistry} that routes committed entries and snapshots everything
 * as one image.
 *
 * <p>Everything here is deterministic: the only clock is the leader-stamped time in the envelope (clamped to be
 * monotonic), every collection that is iterated is sorted, and bad input yields typed results, never exceptions,
 * so every replica reaches the same bytes at the same log index.
 */
package io.synod.core.statemachine;
