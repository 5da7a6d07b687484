package io.synod.core.statemachine.scheduler;

/** An attempt timeout that is not positive or exceeds the configured maximum. */
public final class InvalidTimeoutException extends SchedulerValidationException {

    public InvalidTimeoutException(String message) {
        super(SchedulerViolation.INVALID_TIMEOUT, message);
    }
}
