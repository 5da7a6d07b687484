package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;

/** A lease id that is empty, too long, not well-formed or holds control characters. */
public final class InvalidLeaseIdException extends CoordinationValidationException {

    public InvalidLeaseIdException(String message) {
        super(message);
    }
}
