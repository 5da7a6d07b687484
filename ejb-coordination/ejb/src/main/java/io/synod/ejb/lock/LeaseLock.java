package io.synod.ejb.lock;

import io.synod.api.Lease;
import io.synod.api.SynodException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * {@link Lock} over one named distributed lock. Not reentrant (a second {@code lock()} while held waits like any
 * other contender); {@code unlock()} may come from any thread, as leases are not owned by threads.
 */
final class LeaseLock implements Lock {

    private final RuntimeDistributedLock locks;
    private final String name;
    private final AtomicReference<Lease> held = new AtomicReference<>();

    LeaseLock(RuntimeDistributedLock locks, String name) {
        this.locks = locks;
        this.name = name;
    }

    @Override
    public void lock() {
        held.set(locks.acquire(name));
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            lock();
        } catch (SynodException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public boolean tryLock() {
        return take(locks.tryAcquire(name, Duration.ZERO));
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) {
        return take(locks.tryAcquire(name, Duration.ofNanos(Math.max(0, unit.toNanos(time)))));
    }

    private boolean take(Optional<Lease> lease) {
        lease.ifPresent(held::set);
        return lease.isPresent();
    }

    @Override
    public void unlock() {
        Lease lease = held.getAndSet(null);
        if (lease == null) {
            throw new IllegalMonitorStateException(name + " is not held through this Lock");
        }
        lease.close();
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("distributed locks have no conditions");
    }
}
