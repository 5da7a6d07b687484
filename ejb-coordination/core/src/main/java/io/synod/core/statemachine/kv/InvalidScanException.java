package io.synod.core.statemachine.kv;

/** A scan whose limit or start key is out of bounds. */
public final class InvalidScanException extends KvValidationException {

    public InvalidScanException(String message) {
        super(KvViolation.INVALID_SCAN, message);
    }
}
