package io.synod.core.statemachine.scheduler;

/** A handler no registered member advertises: nothing could ever run the task. */
public final class UnknownHandlerException extends SchedulerValidationException {

    public UnknownHandlerException(String message) {
        super(SchedulerViolation.UNKNOWN_HANDLER, message);
    }
}
