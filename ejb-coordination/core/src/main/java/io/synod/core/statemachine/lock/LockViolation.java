package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;
import io.synod.core.statemachine.session.InvalidSessionIdException;

/** Why a lock command was refused. Part of the result wire format: append only. */
public enum LockViolation {
    INVALID_LOCK_NAME,
    INVALID_SESSION_ID,
    INVALID_LEASE_ID,
    INVALID_WAIT,
    INVALID_TOKEN,
    /** The acquiring session is unknown or its deadline has passed. */
    SESSION_NOT_LIVE,
    /** The lease already holds the lock and did not opt in to reentrancy. */
    NOT_REENTRANT,
    /** The lease is already in the lock's queue. */
    ALREADY_WAITING,
    /** The lease id is in use by another session on this lock. */
    LEASE_OF_OTHER_SESSION,
    /** Release by a lease that neither holds nor waits for the lock. */
    NOT_HOLDER,
    TOO_MANY_LOCKS,
    TOO_MANY_WAITERS,
    /** The command bytes in the log did not decode (only ever seen on apply). */
    MALFORMED_COMMAND;

    static LockViolation of(CoordinationValidationException e) {
        if (e instanceof InvalidLockNameException) {
            return INVALID_LOCK_NAME;
        }
        if (e instanceof InvalidSessionIdException) {
            return INVALID_SESSION_ID;
        }
        if (e instanceof InvalidWaitException) {
            return INVALID_WAIT;
        }
        if (e instanceof InvalidFenceTokenException) {
            return INVALID_TOKEN;
        }
        return INVALID_LEASE_ID;
    }
}
