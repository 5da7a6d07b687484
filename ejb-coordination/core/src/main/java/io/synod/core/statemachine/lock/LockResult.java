package io.synod.core.statemachine.lock;

import java.util.Objects;
import java.util.Optional;

/**
 * What a lock command produced. Refusals are ordinary results: replicated, identical on every member, replayed by
 * the duplicate filter.
 */
public sealed interface LockResult {

    /** The lease holds the lock; {@code token} is the log index of the grant (unchanged by a reentrant hold). */
    record Granted(String lockName, long token, int holdCount, long grantedAtMillis) implements LockResult {
        public Granted {
            Objects.requireNonNull(lockName, "lockName");
        }
    }

    /** The lease waits in the lock's FIFO queue at {@code position} (1 = next). */
    record Queued(String lockName, int position) implements LockResult {
        public Queued {
            Objects.requireNonNull(lockName, "lockName");
        }
    }

    /** Taken (or in lock-delay) and the acquire did not want to wait. */
    record Busy(String lockName) implements LockResult {
        public Busy {
            Objects.requireNonNull(lockName, "lockName");
        }
    }

    /**
     * One hold released; {@code holdCount} holds remain. At zero the lock went to {@code next} (token = this
     * entry's index), or to no one.
     */
    record Released(String lockName, int holdCount, Optional<LockHolder> next) implements LockResult {
        public Released {
            Objects.requireNonNull(lockName, "lockName");
            Objects.requireNonNull(next, "next");
        }
    }

    /** A release by a lease that was still queued: it left the queue. */
    record WaitCancelled(String lockName) implements LockResult {
        public WaitCancelled {
            Objects.requireNonNull(lockName, "lockName");
        }
    }

    /** {@code expired} waiters dropped (deadline passed or session lapsed), {@code granted} locks handed over. */
    record WaitersExpired(int expired, int granted) implements LockResult {
    }

    record Fence(FenceCheck check) implements LockResult {
        public Fence {
            Objects.requireNonNull(check, "check");
        }
    }

    /** The command broke a rule; nothing changed. */
    record Rejected(LockViolation violation, String message) implements LockResult {
        public Rejected {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(message, "message");
        }
    }
}
