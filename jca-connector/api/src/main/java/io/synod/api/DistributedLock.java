package io.synod.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * Named cluster-wide locks, held by a {@link Lease} of this instance's Synod session.
 *
 * <pre>{@code
 * @Inject DistributedLock locks;
 *
 * try (Lease lease = locks.acquire("orders/42")) {
 *     lease.onLost(event -> log.warning("lost " + event.lockName() + ": " + event.reason()));
 *     store.put("orders/42/state", bytes, FencedBy.lease(lease)); // refused once a newer holder exists
 * }
 * }</pre>
 *
 * <p>Names are 1..256 characters of {@code A-Z a-z 0-9 . _ - / : @}. A lock is granted in FIFO order of the
 * acquires that had to wait; its fencing token is the log index of the grant, strictly increasing per lock across
 * leaders and restarts. The lease, not the thread, owns the lock: any thread may close it. Everything this instance
 * holds is released when its session expires (no heartbeat for {@code synod.session.ttl}); the leases then fire
 * {@link Lease#onLost} and answer {@code false} to {@link Lease#isValid()}.
 *
 * <p>Bad input ({@link InvalidLockNameException}, {@link InvalidWaitException}) is refused before anything is
 * proposed: nothing changes.
 */
public interface DistributedLock {

    /** Wait as long as it takes (bounded by the node's availability) and hold {@code name}. */
    Lease acquire(String name);

    /** Hold {@code name} if it is granted within {@code wait} (zero: only if free now); empty otherwise. */
    Optional<Lease> tryAcquire(String name, Duration wait);

    /**
     * As {@link #acquire}, opting in to reentrancy: {@link Lease#reacquire()} then adds a hold that needs its own
     * {@link Lease#close()}.
     */
    Lease acquireReentrant(String name);

    /**
     * A {@link Lock} view of {@code name} for code written against {@code java.util.concurrent}: {@code lock()}
     * acquires, {@code unlock()} releases the lease taken by the last lock of this view, from any thread.
     * {@code newCondition()} is not supported.
     */
    Lock asLock(String name);
}
