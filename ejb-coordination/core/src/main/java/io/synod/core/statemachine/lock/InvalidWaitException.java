package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;

/** A negative wait: a try-acquire waits 0 (not at all) or more milliseconds. */
public final class InvalidWaitException extends CoordinationValidationException {

    public InvalidWaitException(String message) {
        super(message);
    }
}
