package io.synod.core.statemachine.session;

/** A session id that is empty, too long, not well-formed or holds control characters. */
public final class InvalidSessionIdException extends CoordinationValidationException {

    public InvalidSessionIdException(String message) {
        super(message);
    }
}
