package io.synod.core.statemachine.scheduler;

/** A handler name that is not lower-case words joined by '-' or '.', or is too long. */
public final class InvalidHandlerException extends SchedulerValidationException {

    public InvalidHandlerException(String message) {
        super(SchedulerViolation.INVALID_HANDLER, message);
    }
}
