package io.synod.core.statemachine.session;

import java.util.Objects;

/**
 * Checks session commands against {@link SessionLimits}: in the shell before proposing (typed exception, nothing
 * reaches the log) and again on apply (the log may hold commands from a member with other settings).
 */
public final class SessionValidator {

    private final SessionLimits limits;

    public SessionValidator(SessionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SessionLimits limits() {
        return limits;
    }

    /** @throws CoordinationValidationException (a subtype naming the problem) if {@code command} breaks a rule */
    public void validate(SessionCommand command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof SessionCommand.Open c) {
            checkSessionId(c.sessionId());
            String owner = SessionIds.problem("owner", c.owner());
            if (owner != null) {
                throw new InvalidOwnerException(owner);
            }
            checkTtl(c.ttlMillis());
        } else if (command instanceof SessionCommand.KeepAlive c) {
            checkSessionId(c.sessionId());
        } else if (command instanceof SessionCommand.Close c) {
            checkSessionId(c.sessionId());
        } else {
            SessionCommand.Expire c = (SessionCommand.Expire) command;
            if (c.sessionIds().isEmpty() || c.sessionIds().size() > limits.maxExpireBatch()) {
                throw new InvalidExpiryBatchException("an expiry names 1.." + limits.maxExpireBatch()
                        + " sessions, got " + c.sessionIds().size());
            }
            c.sessionIds().forEach(SessionValidator::checkSessionId);
        }
    }

    public static void checkSessionId(String sessionId) {
        String problem = SessionIds.problem("session id", sessionId);
        if (problem != null) {
            throw new InvalidSessionIdException(problem);
        }
    }

    public void checkTtl(long ttlMillis) {
        if (ttlMillis < 1 || ttlMillis > limits.maxTtlMillis()) {
            throw new InvalidSessionTtlException("session ttl must be 1.." + limits.maxTtlMillis() + " ms, got "
                    + ttlMillis);
        }
    }
}
