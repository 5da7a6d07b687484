package io.synod.ejb.lock;

import io.synod.api.LeaseLostEvent;
import io.synod.api.SynodException;
import io.synod.api.SynodUnavailableException;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's one session: opened on the first acquire, kept alive by a heartbeat every third of the TTL, and
 * declared lost — every lease of it firing its lost event — when the cluster answers a heartbeat with "not found"
 * or "lapsed" (the leader expired it, e.g. while this instance was paused), or when no heartbeat was confirmed
 * within the TTL (this node can no longer know it still holds anything). A lost session is not reused: the next
 * acquire opens a new one.
 *
 * <p>Validity is judged from the <em>send</em> time of the last confirmed heartbeat, on a monotonic clock: the
 * leader stamped that heartbeat no earlier, so the session's deadline is no earlier than send + TTL.
 */
final class SessionKeeper {

    private static final Logger LOG = Logger.getLogger(SessionKeeper.class.getName());

    /** One session and the leases it holds. */
    final class Current {
        final String id;
        private final List<RuntimeLease> leases = new ArrayList<>();
        private volatile long confirmedSentNanos;
        private volatile boolean lost;

        private Current(String id, long confirmedSentNanos) {
            this.id = id;
            this.confirmedSentNanos = confirmedSentNanos;
        }

        boolean isValid() {
            return !lost && clock.getAsLong() - confirmedSentNanos < ttl.toNanos();
        }
    }

    private final CoordinationClient client;
    private final String owner;
    private final Duration ttl;
    private final ScheduledExecutorService scheduler;
    private final LockMetrics metrics;
    private final LongSupplier clock;
    private Current current;
    private ScheduledFuture<?> heartbeat;

    SessionKeeper(CoordinationClient client, String owner, Duration ttl, ScheduledExecutorService scheduler,
                  LockMetrics metrics, LongSupplier nanoClock) {
        this.client = Objects.requireNonNull(client, "client");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    Duration ttl() {
        return ttl;
    }

    /** The live session, opened now if there is none (or the last one was lost). */
    synchronized Current session() {
        if (current != null && current.isValid()) {
            return current;
        }
        if (current != null) {
            lose(current, LeaseLostEvent.Reason.SESSION_EXPIRED);
        }
        String id = "s-" + UUID.randomUUID();
        long sent = clock.getAsLong();
        SessionResult result = client.session(SessionCommand.Open.of(id, owner, ttl));
        if (!(result instanceof SessionResult.Opened)) {
            throw new SynodUnavailableException("the cluster did not open a session: " + result);
        }
        current = new Current(id, sent);
        if (heartbeat == null) {
            long period = Math.max(1, ttl.toMillis() / 3);
            heartbeat = scheduler.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
        }
        return current;
    }

    /** A lease was granted under {@code session}; if that session was lost meanwhile, the lease is lost at once. */
    void register(Current session, RuntimeLease lease) {
        boolean lostAlready;
        synchronized (this) {
            lostAlready = session.lost;
            if (!lostAlready) {
                session.leases.add(lease);
            }
        }
        if (lostAlready) {
            lease.lost(LeaseLostEvent.Reason.SESSION_EXPIRED);
        }
    }

    synchronized void unregister(Current session, RuntimeLease lease) {
        session.leases.remove(lease);
    }

    /** The cluster refused a command of {@code session} as not live: it is gone. */
    void sessionNotLive(Current session) {
        synchronized (this) {
            if (session.lost) {
                return;
            }
        }
        lose(session, LeaseLostEvent.Reason.SESSION_EXPIRED);
    }

    private void beat() {
        Current session;
        synchronized (this) {
            session = current;
        }
        if (session == null || session.lost) {
            return;
        }
        long sent = clock.getAsLong();
        try {
            SessionResult result = client.session(new SessionCommand.KeepAlive(session.id));
            if (result instanceof SessionResult.Renewed) {
                if (clock.getAsLong() - session.confirmedSentNanos >= ttl.toNanos()) {
                    // Renewed, but only after this node had gone a whole TTL without confirmation (paused):
                    // it may have acted as a holder it could not prove to be; the leases stay lost.
                    lose(session, LeaseLostEvent.Reason.SESSION_EXPIRED);
                } else {
                    session.confirmedSentNanos = sent;
                }
                return;
            }
            LOG.info(() -> "Synod session " + session.id + " is gone (" + result + "): its leases are lost");
            lose(session, LeaseLostEvent.Reason.SESSION_EXPIRED);
        } catch (SynodException | IllegalStateException e) {
            LOG.log(Level.FINE, "heartbeat of session " + session.id + " not confirmed", e);
            if (!session.isValid()) {
                lose(session, LeaseLostEvent.Reason.SESSION_EXPIRED);
                closeQuietly(session);
            }
        }
    }

    private void lose(Current session, LeaseLostEvent.Reason reason) {
        List<RuntimeLease> leases;
        synchronized (this) {
            if (session.lost) {
                return;
            }
            session.lost = true;
            leases = List.copyOf(session.leases);
            session.leases.clear();
        }
        metrics.sessionLost();
        leases.forEach(lease -> lease.lost(reason));
    }

    /** Best effort: release on the cluster what this node no longer claims. */
    private void closeQuietly(Current session) {
        try {
            client.submitAsync(io.synod.core.statemachine.ServiceId.SESSIONS,
                    io.synod.core.statemachine.session.SessionCommandCodec.encode(
                            new SessionCommand.Close(session.id)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "close of lost session " + session.id + " not sent", e);
        }
    }

    /** Stop heartbeats and close the session cleanly (its locks go to their next waiters at once). */
    void shutdown() {
        Current session;
        synchronized (this) {
            if (heartbeat != null) {
                heartbeat.cancel(false);
                heartbeat = null;
            }
            session = current;
            current = null;
        }
        if (session != null && !session.lost) {
            lose(session, LeaseLostEvent.Reason.REVOKED);
            closeQuietly(session);
        }
    }
}
