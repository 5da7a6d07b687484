package io.synod.core.statemachine.scheduler;

import java.util.Objects;

/**
 * A scheduler request that breaks a rule, thrown before proposal so nothing reaches the log. The same rules are
 * checked again on apply, where a violation becomes a {@link SchedulerResult.Rejected} instead.
 */
public class SchedulerValidationException extends IllegalArgumentException {

    private final SchedulerViolation violation;

    public SchedulerValidationException(SchedulerViolation violation, String message) {
        super(message);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public SchedulerViolation violation() {
        return violation;
    }
}
