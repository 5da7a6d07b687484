package io.synod.core.statemachine.scheduler;

/** A task payload above the configured limit. */
public final class PayloadTooLargeException extends SchedulerValidationException {

    public PayloadTooLargeException(String message) {
        super(SchedulerViolation.PAYLOAD_TOO_LARGE, message);
    }
}
