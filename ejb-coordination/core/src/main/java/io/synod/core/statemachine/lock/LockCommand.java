package io.synod.core.statemachine.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * The lock service's commands: what goes into the log. Records hold only structural checks (no nulls);
 * {@link LockValidator} checks names, ids and bounds before proposal and again on apply.
 */
public sealed interface LockCommand {

    /** A wait that never gives up ({@code acquire(name)} rather than {@code tryAcquire(name, wait)}). */
    long WAIT_FOREVER = Long.MAX_VALUE;

    /**
     * Acquire {@code lockName} for the lease {@code leaseId} of a live session. If the lock is taken, wait in its
     * FIFO queue for at most {@code waitMillis} of leader time (0: do not queue; {@link #WAIT_FOREVER}: no limit).
     * {@code reentrant} opts this lease in to acquiring again while it holds the lock (a hold count).
     */
    record Acquire(String lockName, String sessionId, String leaseId, boolean reentrant, long waitMillis)
            implements LockCommand {
        public Acquire {
            Objects.requireNonNull(lockName, "lockName");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(leaseId, "leaseId");
        }

        public static Acquire tryFor(String lockName, String sessionId, String leaseId, Duration wait) {
            return new Acquire(lockName, sessionId, leaseId, false, wait.toMillis());
        }
    }

    /**
     * Release one hold of the lease; at hold count zero the lock goes to the next live waiter, whose token is this
     * entry's index. A lease that is still queued leaves the queue instead.
     */
    record Release(String lockName, String leaseId) implements LockCommand {
        public Release {
            Objects.requireNonNull(lockName, "lockName");
            Objects.requireNonNull(leaseId, "leaseId");
        }
    }

    /**
     * Proposed periodically by the leader: drop waiters whose wait deadline is at or before the entry's time, and
     * hand over locks whose lock-delay has ended. Any grant it makes has this entry's index as its token.
     */
    record ExpireWaiters() implements LockCommand {
    }

    /** A fence check through the log: linearizable with every grant. */
    record CheckFence(String lockName, long token) implements LockCommand {
        public CheckFence {
            Objects.requireNonNull(lockName, "lockName");
        }
    }
}
