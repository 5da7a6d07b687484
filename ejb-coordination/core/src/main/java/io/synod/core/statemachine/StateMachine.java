package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;

/**
 * One replicated service (kv, locks, sessions, scheduler, txn), modelled on Apache Ratis'
 * {@code applyTransaction} / {@code takeSnapshot} / {@code reinitialize} contract.
 *
 * <p>Rules every implementation keeps, because replicas must stay byte-identical:
 * <ul>
 *   <li>deterministic: the result and the new state depend only on the prior state and the command
 *       (time is {@link AppliedCommand#timeMillis()}, never a local clock; iteration orders are sorted);</li>
 *   <li>total: a malformed or invalid command yields a typed error <em>result</em> and leaves the state
 *       unchanged; {@link #apply} never throws for bad input;</li>
 *   <li>{@link #snapshot()} is a pure function of the state: same state, same bytes.</li>
 * </ul>
 * Not thread-safe: the shell applies from its event loop only.
 */
public interface StateMachine {

    ServiceId service();

    /** Apply one committed command and return its encoded result (what the client receives). */
    byte[] apply(AppliedCommand command);

    /** The log index of the last command applied here, 0 if none. */
    long lastApplied();

    /** The full state, deterministic bytes. */
    byte[] snapshot();

    /**
     * Replace the whole state with {@code snapshot}. All-or-nothing: on {@link CodecException} the previous state
     * is kept.
     */
    void restore(byte[] snapshot) throws CodecException;
}
