package io.synod.core.statemachine.kv;

import java.util.Objects;

/**
 * A key-value request breaks a limit or a rule. Thrown before a command is proposed, so a bad request never
 * reaches the log; on apply the same check yields {@link KvResult.Rejected} instead.
 */
public class KvValidationException extends IllegalArgumentException {

    private final KvViolation violation;

    public KvValidationException(KvViolation violation, String message) {
        super(message);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public KvViolation violation() {
        return violation;
    }
}
