package io.synod.core.statemachine.kv;

/** A value larger than the configured maximum. */
public final class ValueTooLargeException extends KvValidationException {

    public ValueTooLargeException(String message) {
        super(KvViolation.VALUE_TOO_LARGE, message);
    }
}
