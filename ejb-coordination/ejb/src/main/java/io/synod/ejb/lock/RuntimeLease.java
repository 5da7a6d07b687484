package io.synod.ejb.lock;

import io.synod.api.Lease;
import io.synod.api.LeaseClosedException;
import io.synod.api.LeaseLostEvent;
import io.synod.api.SynodException;
import io.synod.core.statemachine.lock.LockCommand;
import io.synod.core.statemachine.lock.LockResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One grant, owned by this object rather than by a thread: every method may be called from any thread. The state
 * only moves forward: HELD, then CLOSED (released by the application) or LOST (session gone); a lost lease that is
 * then closed is both, and its close sends nothing the cluster needs.
 */
final class RuntimeLease implements Lease {

    private static final Logger LOG = Logger.getLogger(RuntimeLease.class.getName());

    private final String lockName;
    private final String leaseId;
    private final long token;
    private final boolean reentrant;
    private final SessionKeeper.Current session;
    private final SessionKeeper keeper;
    private final CoordinationClient client;
    private final Executor callbacks;
    private final LockMetrics metrics;
    private final List<Consumer<LeaseLostEvent>> listeners = new ArrayList<>();
    private int holds = 1;
    private boolean closed;
    private LeaseLostEvent lostEvent;

    RuntimeLease(String lockName, String leaseId, long token, boolean reentrant, SessionKeeper.Current session,
                 SessionKeeper keeper, CoordinationClient client, Executor callbacks, LockMetrics metrics) {
        this.lockName = lockName;
        this.leaseId = leaseId;
        this.token = token;
        this.reentrant = reentrant;
        this.session = session;
        this.keeper = keeper;
        this.client = client;
        this.callbacks = callbacks;
        this.metrics = metrics;
    }

    @Override
    public String lockName() {
        return lockName;
    }

    @Override
    public long fencingToken() {
        return token;
    }

    String leaseId() {
        return leaseId;
    }

    @Override
    public synchronized boolean isValid() {
        return !closed && lostEvent == null && session.isValid();
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void onLost(Consumer<LeaseLostEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        LeaseLostEvent already;
        synchronized (this) {
            already = lostEvent;
            if (already == null) {
                listeners.add(listener);
                return;
            }
        }
        deliver(listener, already);
    }

    /** Called by the session keeper (any thread) when the session is gone. */
    void lost(LeaseLostEvent.Reason reason) {
        List<Consumer<LeaseLostEvent>> toCall;
        LeaseLostEvent event;
        synchronized (this) {
            if (lostEvent != null || closed) {
                return;
            }
            event = new LeaseLostEvent(lockName, token, reason, Instant.now());
            lostEvent = event;
            toCall = List.copyOf(listeners);
            listeners.clear();
        }
        metrics.leaseLost();
        toCall.forEach(listener -> deliver(listener, event));
    }

    private void deliver(Consumer<LeaseLostEvent> listener, LeaseLostEvent event) {
        callbacks.execute(() -> {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "onLost listener of " + lockName + " failed", e);
            }
        });
    }

    @Override
    public void reacquire() {
        synchronized (this) {
            if (closed) {
                throw new LeaseClosedException("lease of " + lockName + " is closed");
            }
            if (!reentrant) {
                throw new io.synod.api.InvalidRequestException("lease of " + lockName
                        + " is not reentrant: take it with acquireReentrant");
            }
        }
        LockResult result = client.lock(new LockCommand.Acquire(lockName, session.id, leaseId, true,
                LockCommand.WAIT_FOREVER));
        if (!(result instanceof LockResult.Granted)) {
            throw new SynodException("reacquire of " + lockName + " refused: " + result);
        }
        synchronized (this) {
            holds++;
        }
    }

    @Override
    public void close() {
        boolean wasLost;
        synchronized (this) {
            if (closed) {
                return;
            }
            holds--;
            closed = holds == 0 || lostEvent != null;
            wasLost = lostEvent != null;
        }
        if (closed) {
            keeper.unregister(session, this);
        }
        if (wasLost) {
            return; // the session's end already released it on the cluster
        }
        LockResult result = client.lock(new LockCommand.Release(lockName, leaseId));
        if (result instanceof LockResult.Released) {
            metrics.released();
        } else {
            LOG.fine(() -> "release of " + lockName + " answered " + result);
        }
    }
}
