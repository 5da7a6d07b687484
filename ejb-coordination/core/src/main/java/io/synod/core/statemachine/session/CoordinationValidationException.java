package io.synod.core.statemachine.session;

/**
 * A session or lock request breaks a rule (a malformed name or id, a TTL or wait out of bounds). The common
 * parent of the typed exceptions of both services: the shell throws them before proposing, so a bad request never
 * reaches the log; on apply the same checks yield a typed {@code Rejected} result and change nothing.
 */
public class CoordinationValidationException extends IllegalArgumentException {

    public CoordinationValidationException(String message) {
        super(message);
    }
}
