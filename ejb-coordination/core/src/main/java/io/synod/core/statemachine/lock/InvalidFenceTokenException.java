package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;

/** A fencing token below 1: tokens are log indexes, which start at 1. */
public final class InvalidFenceTokenException extends CoordinationValidationException {

    public InvalidFenceTokenException(String message) {
        super(message);
    }
}
