package io.synod.core.statemachine.kv;

/** A time-to-live that is not positive or exceeds the configured maximum. */
public final class InvalidTtlException extends KvValidationException {

    public InvalidTtlException(String message) {
        super(KvViolation.INVALID_TTL, message);
    }
}
