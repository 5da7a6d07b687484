package io.synod.core.statemachine.session;

/** A session TTL that is not positive or exceeds {@link SessionLimits#maxTtl()}. */
public final class InvalidSessionTtlException extends CoordinationValidationException {

    public InvalidSessionTtlException(String message) {
        super(message);
    }
}
