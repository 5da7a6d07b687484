package io.synod.core.statemachine.scheduler;

/** A negative delay, or one beyond the configured maximum. */
public final class InvalidDelayException extends SchedulerValidationException {

    public InvalidDelayException(String message) {
        super(SchedulerViolation.INVALID_DELAY, message);
    }
}
