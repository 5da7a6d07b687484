package io.synod.core.statemachine.scheduler;

/** Max attempts or backoff bounds outside the configured range. */
public final class InvalidRetryException extends SchedulerValidationException {

    public InvalidRetryException(String message) {
        super(SchedulerViolation.INVALID_RETRY, message);
    }
}
