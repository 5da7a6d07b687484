package io.synod.core.statemachine.scheduler;

/** A task id that is empty, too long or uses characters outside [A-Za-z0-9._:/-]. */
public final class InvalidTaskIdException extends SchedulerValidationException {

    public InvalidTaskIdException(String message) {
        super(SchedulerViolation.INVALID_TASK_ID, message);
    }
}
