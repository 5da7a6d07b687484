package io.synod.core.statemachine.kv;

/** A key (or key prefix) that is empty, too long or not well-formed UTF-8. */
public final class InvalidKeyException extends KvValidationException {

    public InvalidKeyException(String message) {
        super(KvViolation.INVALID_KEY, message);
    }
}
