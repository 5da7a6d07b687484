package io.synod.core.statemachine.scheduler;

/** A cron expression that does not parse as 5-field UNIX cron or never fires. */
public final class InvalidCronException extends SchedulerValidationException {

    public InvalidCronException(String message) {
        super(SchedulerViolation.INVALID_CRON, message);
    }
}
