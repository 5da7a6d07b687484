package io.synod.core.statemachine.scheduler;

/** A task result or error message above the configured limit. */
public final class ResultTooLargeException extends SchedulerValidationException {

    public ResultTooLargeException(String message) {
        super(SchedulerViolation.RESULT_TOO_LARGE, message);
    }
}
