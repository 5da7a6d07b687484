package io.synod.core.statemachine.scheduler;

/** A priority outside the configured range. */
public final class InvalidPriorityException extends SchedulerValidationException {

    public InvalidPriorityException(String message) {
        super(SchedulerViolation.INVALID_PRIORITY, message);
    }
}
