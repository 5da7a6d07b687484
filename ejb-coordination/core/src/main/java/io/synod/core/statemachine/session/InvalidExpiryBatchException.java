package io.synod.core.statemachine.session;

/** An expiry command naming no sessions or more than {@link SessionLimits#maxExpireBatch()}. */
public final class InvalidExpiryBatchException extends CoordinationValidationException {

    public InvalidExpiryBatchException(String message) {
        super(message);
    }
}
