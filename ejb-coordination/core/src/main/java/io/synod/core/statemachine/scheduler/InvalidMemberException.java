package io.synod.core.statemachine.scheduler;

/** A member registration with a bad capacity or handler list. */
public final class InvalidMemberException extends SchedulerValidationException {

    public InvalidMemberException(String message) {
        super(SchedulerViolation.INVALID_MEMBER, message);
    }
}
