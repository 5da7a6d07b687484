package io.synod.ejb.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.Role;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.lock.LockCommand;
import io.synod.core.statemachine.lock.LockCommandCodec;
import io.synod.core.statemachine.lock.LockInfo;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionCommandCodec;
import io.synod.core.statemachine.session.SessionLimits;
import io.synod.core.statemachine.session.SessionResult;
import io.synod.core.statemachine.session.SessionResultCodec;
import io.synod.ejb.runtime.CoordinationState;
import io.synod.ejb.runtime.NodeRuntime;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run periodically on every node; acts only on the leader. Sessions lapse by the leader-stamped time of entries,
 * but only an entry can end them and release their locks: the leader proposes the expiry of the sessions whose
 * deadline passed by its clock (each re-checked on apply against the entry's own time, so a heartbeat that got in
 * first wins), and the expiry of waiters whose wait ran out, so queued locks move on without any other traffic.
 */
public final class CoordinationExpiryProposer implements Runnable {

    private static final Logger LOG = Logger.getLogger(CoordinationExpiryProposer.class.getName());

    private final Supplier<Optional<NodeRuntime>> runtime;
    private final LockMetrics metrics;

    public CoordinationExpiryProposer(Supplier<Optional<NodeRuntime>> runtime, LockMetrics metrics) {
        this.runtime = runtime;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        runtime.get().filter(r -> r.status().role() == Role.LEADER).ifPresent(this::propose);
    }

    private void propose(NodeRuntime leader) {
        long now = System.currentTimeMillis();
        leader.lapsedSessions(now).thenCompose(ids -> {
            if (ids.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null); // nothing lapsed: no entry to write
            }
            List<String> batch = ids.subList(0, Math.min(ids.size(), SessionLimits.DEFAULT.maxExpireBatch()));
            return leader.submit(ServiceId.SESSIONS, SessionCommandCodec.encode(new SessionCommand.Expire(batch)))
                    .thenAccept(this::countExpired);
        }).whenComplete((ignored, failure) -> logFailure(failure));
        leader.coordination().thenCompose(state -> hasWaitersToExpire(state, now)
                ? leader.submit(ServiceId.LOCKS, LockCommandCodec.encode(new LockCommand.ExpireWaiters()))
                : CompletableFuture.completedFuture(null))
                .whenComplete((ignored, failure) -> logFailure(failure));
    }

    private static boolean hasWaitersToExpire(CoordinationState state, long now) {
        for (LockInfo lock : state.locks()) {
            if (lock.delayedUntilMillis().isPresent() && lock.delayedUntilMillis().getAsLong() <= now) {
                return true;
            }
            if (lock.waiters().stream().anyMatch(w -> w.deadlineMillis() <= now)) {
                return true;
            }
        }
        return false;
    }

    private void countExpired(byte[] result) {
        try {
            if (SessionResultCodec.decode(result) instanceof SessionResult.Expired e) {
                metrics.sessionsExpired(e.sessionIds().size());
            }
        } catch (CodecException e) {
            LOG.warning("undecodable session expiry result: " + e.getMessage());
        }
    }

    private static void logFailure(Throwable failure) {
        if (failure != null) {
            // leadership moved or the node stops: the next leader proposes the next one
            LOG.log(Level.FINE, "coordination expiry proposal not applied", failure);
        }
    }
}
