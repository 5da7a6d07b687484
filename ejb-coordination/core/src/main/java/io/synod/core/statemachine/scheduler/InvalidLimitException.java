package io.synod.core.statemachine.scheduler;

/** A page size or batch size outside 1..the configured maximum, or a bad attempt token. */
public final class InvalidLimitException extends SchedulerValidationException {

    public InvalidLimitException(String message) {
        super(SchedulerViolation.INVALID_LIMIT, message);
    }
}
