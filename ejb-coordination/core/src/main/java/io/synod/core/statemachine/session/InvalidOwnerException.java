package io.synod.core.statemachine.session;

/** A session owner (instance or node name) that is empty, too long, not well-formed or holds control characters. */
public final class InvalidOwnerException extends CoordinationValidationException {

    public InvalidOwnerException(String message) {
        super(message);
    }
}
