package io.synod.core.statemachine.lock;

import java.util.Objects;

/**
 * A lease queued for a lock. It gives up at {@code deadlineMillis} of leader time ({@code Long.MAX_VALUE}: never);
 * it is granted only if, at that moment, its session is live and its deadline has not passed.
 */
public record LockWaiter(String sessionId, String leaseId, boolean reentrant, long enqueuedAtMillis,
                         long deadlineMillis) {

    public LockWaiter {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(leaseId, "leaseId");
        if (enqueuedAtMillis < 0 || deadlineMillis < enqueuedAtMillis) {
            throw new IllegalArgumentException("need 0 <= enqueuedAt <= deadline: " + enqueuedAtMillis + ", "
                    + deadlineMillis);
        }
    }

    boolean canBeGrantedAt(long nowMillis) {
        return nowMillis < deadlineMillis;
    }
}
