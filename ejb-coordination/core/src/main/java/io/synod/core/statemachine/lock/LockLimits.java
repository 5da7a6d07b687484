package io.synod.core.statemachine.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and policy of the lock service; they shape replicated outcomes, so every member of a group must use the
 * same values.
 *
 * @param maxLocks          most lock names remembered (a lock's newest token is kept after release, for fencing)
 * @param maxWaitersPerLock longest FIFO queue of one lock
 * @param lockDelay         after a holder's session <em>expires</em>, the lock is granted to nobody until this much
 *                          leader time has passed (Chubby's lock-delay: a paused holder that has not noticed may
 *                          still be writing); zero disables it. A clean release or close never delays.
 */
public record LockLimits(int maxLocks, int maxWaitersPerLock, Duration lockDelay) {

    public static final LockLimits DEFAULT = new LockLimits(1_000_000, 10_000, Duration.ZERO);

    public LockLimits {
        Objects.requireNonNull(lockDelay, "lockDelay");
        if (maxLocks < 1 || maxWaitersPerLock < 1 || lockDelay.isNegative()) {
            throw new IllegalArgumentException("maxLocks and maxWaitersPerLock must be >= 1, lockDelay >= 0: "
                    + maxLocks + ", " + maxWaitersPerLock + ", " + lockDelay);
        }
    }

    public LockLimits withLockDelay(Duration delay) {
        return new LockLimits(maxLocks, maxWaitersPerLock, delay);
    }

    public long lockDelayMillis() {
        return lockDelay.toMillis();
    }
}
