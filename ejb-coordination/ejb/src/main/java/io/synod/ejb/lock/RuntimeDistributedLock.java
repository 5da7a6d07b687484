package io.synod.ejb.lock;

import io.synod.api.DistributedLock;
import io.synod.api.InvalidLockNameException;
import io.synod.api.InvalidRequestException;
import io.synod.api.InvalidWaitException;
import io.synod.api.Lease;
import io.synod.api.SynodException;
import io.synod.api.SynodUnavailableException;
import io.synod.core.statemachine.lock.LockCommand;
import io.synod.core.statemachine.lock.LockHolder;
import io.synod.core.statemachine.lock.LockInfo;
import io.synod.core.statemachine.lock.LockResult;
import io.synod.core.statemachine.lock.LockViolation;
import io.synod.ejb.runtime.NodeRuntime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The locks served by this node's runtime: what {@code @Inject DistributedLock} reaches through the connector.
 *
 * <p>An acquire that finds the lock taken is queued on the leader (FIFO); the grant to a queued lease happens in
 * some later entry (a release, a session's end, the leader's waiter expiry), and this node learns of it by watching
 * its own applied copy of the lock, which is where the token comes from. A {@code tryAcquire} that runs out of time
 * cancels its place in the queue with a release; if the grant won that race, the release gives the lock back.
 */
public final class RuntimeDistributedLock implements DistributedLock {

    /** How often a queued acquire looks at this node's copy of the lock. */
    private static final long POLL_MILLIS = 5;
    /** An acquire whose session is lost while it waits queues again under a new session, this many times. */
    private static final int SESSION_ATTEMPTS = 3;

    private final CoordinationClient client;
    private final SessionKeeper keeper;
    private final Executor callbacks;
    private final LockMetrics metrics;

    /**
     * @param runtime   the running runtime of this node, if any
     * @param owner     who the session belongs to, as the ops API shows it (the instance name)
     * @param ttl       the session TTL ({@code synod.session.ttl})
     * @param timeout   longest wait for one command's answer
     * @param scheduler where heartbeats run
     * @param callbacks where {@code onLost} listeners run
     */
    public RuntimeDistributedLock(Supplier<Optional<NodeRuntime>> runtime, String owner, Duration ttl,
                                  Duration timeout, ScheduledExecutorService scheduler, Executor callbacks,
                                  LockMetrics metrics) {
        this.client = new CoordinationClient(runtime, timeout);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.keeper = new SessionKeeper(client, owner, ttl, scheduler, metrics, System::nanoTime);
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    }

    public LockMetrics metrics() {
        return metrics;
    }

    @Override
    public Lease acquire(String name) {
        return acquire(LockNames.check(name), LockCommand.WAIT_FOREVER, false).orElseThrow();
    }

    @Override
    public Lease acquireReentrant(String name) {
        return acquire(LockNames.check(name), LockCommand.WAIT_FOREVER, true).orElseThrow();
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration wait) {
        LockNames.check(name);
        return acquire(name, LockNames.waitMillis(wait), false);
    }

    @Override
    public Lock asLock(String name) {
        return new LeaseLock(this, LockNames.check(name));
    }

    /** Close the session cleanly: this node's locks go to their next waiters now rather than after the TTL. */
    public void shutdown() {
        keeper.shutdown();
    }

    Optional<Lease> acquire(String name, long waitMillis, boolean reentrant) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            SessionKeeper.Current session = keeper.session();
            String leaseId = "l-" + UUID.randomUUID();
            long left = waitMillis == LockCommand.WAIT_FOREVER ? waitMillis
                    : Math.max(0, waitMillis - (System.nanoTime() - start) / 1_000_000);
            LockResult result = client.lock(new LockCommand.Acquire(name, session.id, leaseId, reentrant, left));
            if (result instanceof LockResult.Granted g) {
                return Optional.of(granted(name, leaseId, g.token(), reentrant, session, start, false));
            }
            if (result instanceof LockResult.Busy) {
                metrics.waitTimedOut();
                return Optional.empty();
            }
            if (result instanceof LockResult.Queued) {
                Optional<Long> token = awaitGrant(name, leaseId, session, start, waitMillis);
                if (token.isPresent()) {
                    return Optional.of(granted(name, leaseId, token.get(), reentrant, session, start, true));
                }
                if (session.isValid() || waitMillis != LockCommand.WAIT_FOREVER) {
                    metrics.waitTimedOut();
                    return Optional.empty();
                }
            } else if (result instanceof LockResult.Rejected r && r.violation() == LockViolation.SESSION_NOT_LIVE) {
                keeper.sessionNotLive(session);
            } else {
                throw refused(result);
            }
            if (attempt >= SESSION_ATTEMPTS) {
                throw new SynodUnavailableException("the session of this node was lost " + attempt
                        + " times while acquiring " + name + "; nothing is held");
            }
        }
    }

    private RuntimeLease granted(String name, String leaseId, long token, boolean reentrant,
                                 SessionKeeper.Current session, long start, boolean queued) {
        RuntimeLease lease = new RuntimeLease(name, leaseId, token, reentrant, session, keeper, client, callbacks,
                metrics);
        metrics.granted((System.nanoTime() - start) / 1_000_000, queued);
        keeper.register(session, lease);
        return lease;
    }

    /**
     * Wait until this node's copy shows the lease as holder (its token), the wait runs out, or the session is lost.
     * On giving up, the place in the queue is cancelled; a grant that won the race is given back.
     */
    private Optional<Long> awaitGrant(String name, String leaseId, SessionKeeper.Current session, long start,
                                      long waitMillis) {
        boolean forever = waitMillis == LockCommand.WAIT_FOREVER;
        while (session.isValid() && (forever || (System.nanoTime() - start) / 1_000_000 < waitMillis)) {
            Optional<LockHolder> holder = client.localLock(name).flatMap(LockInfo::holder);
            if (holder.isPresent() && holder.get().leaseId().equals(leaseId)) {
                return Optional.of(holder.get().token());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                cancel(name, leaseId);
                Thread.currentThread().interrupt();
                throw new SynodException("interrupted while waiting for " + name + "; nothing is held", e);
            }
        }
        if (session.isValid()) {
            cancel(name, leaseId);
        }
        return Optional.empty();
    }

    private void cancel(String name, String leaseId) {
        client.lock(new LockCommand.Release(name, leaseId)); // WaitCancelled, Released (a late grant) or NotHolder
    }

    private static SynodException refused(LockResult result) {
        if (result instanceof LockResult.Rejected r) {
            return switch (r.violation()) {
                case INVALID_LOCK_NAME -> new InvalidLockNameException(r.message());
                case INVALID_WAIT -> new InvalidWaitException(r.message());
                case TOO_MANY_LOCKS, TOO_MANY_WAITERS -> new SynodUnavailableException(r.message()
                        + "; nothing was changed");
                default -> new InvalidRequestException(r.message());
            };
        }
        return new SynodException("unexpected answer to an acquire: " + result);
    }
}
