package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;
import io.synod.core.statemachine.session.SessionIds;
import io.synod.core.statemachine.session.SessionValidator;

import java.util.Objects;

/**
 * Checks lock commands: in the shell before proposing (a typed {@link CoordinationValidationException}, nothing
 * reaches the log) and again on apply (a {@link LockResult.Rejected}, nothing changes).
 */
public final class LockValidator {

    private LockValidator() {
    }

    /** @throws CoordinationValidationException (a subtype naming the problem) if {@code command} breaks a rule */
    public static void validate(LockCommand command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof LockCommand.Acquire c) {
            LockNames.check(c.lockName());
            SessionValidator.checkSessionId(c.sessionId());
            checkLeaseId(c.leaseId());
            if (c.waitMillis() < 0) {
                throw new InvalidWaitException("wait must be >= 0 ms, got " + c.waitMillis());
            }
        } else if (command instanceof LockCommand.Release c) {
            LockNames.check(c.lockName());
            checkLeaseId(c.leaseId());
        } else if (command instanceof LockCommand.CheckFence c) {
            LockNames.check(c.lockName());
            if (c.token() < 1) {
                throw new InvalidFenceTokenException("fencing token must be >= 1, got " + c.token());
            }
        }
        // ExpireWaiters carries nothing to check.
    }

    public static void checkLeaseId(String leaseId) {
        String problem = SessionIds.problem("lease id", leaseId);
        if (problem != null) {
            throw new InvalidLeaseIdException(problem);
        }
    }
}
