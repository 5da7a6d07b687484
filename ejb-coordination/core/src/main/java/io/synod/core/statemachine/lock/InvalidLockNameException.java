package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;

/** A lock name outside 1..256 characters of the lock-name charset (see {@link LockNames}). */
public final class InvalidLockNameException extends CoordinationValidationException {

    public InvalidLockNameException(String message) {
        super(message);
    }
}
