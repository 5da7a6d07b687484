package io.synod.core.statemachine.kv;

/** A revision that cannot be compared or compacted to. */
public final class InvalidRevisionException extends KvValidationException {

    public InvalidRevisionException(String message) {
        super(KvViolation.INVALID_REVISION, message);
    }
}
