package io.synod.admin.api;

import io.synod.core.statemachine.lock.LockInfo;
import io.synod.core.statemachine.lock.LockWaiter;
import io.synod.core.statemachine.session.SessionInfo;
import io.synod.ejb.lock.LockMetrics;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.CoordinationState;
import io.synod.ejb.runtime.NodeRuntime;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Read views of the replicated locks and sessions, as this member last applied them (it may trail the leader by
 * the replication delay): {@code GET /locks} (holder session, token, waiters, held for, newest token) and
 * {@code GET /sessions} (owner instance, last heartbeat, TTL left), each with this node's lock metrics. Times
 * are the group's replicated clock (leader-stamped), so every member shows the same figures for the same index.
 */
final class CoordinationViews {

    private static final long READ_TIMEOUT_SECONDS = 10;

    private CoordinationViews() {
    }

    static Response locks(SynodNode node) {
        return withState(node, state -> {
            JsonArrayBuilder locks = Json.createArrayBuilder();
            for (LockInfo lock : state.locks()) {
                JsonObjectBuilder json = Json.createObjectBuilder().add("name", lock.name())
                        .add("newestToken", lock.newestToken());
                lock.holder().ifPresentOrElse(h -> json.add("holder", Json.createObjectBuilder()
                        .add("session", h.sessionId()).add("lease", h.leaseId()).add("token", h.token())
                        .add("holdCount", h.holdCount())
                        .add("grantedAt", Instant.ofEpochMilli(h.grantedAtMillis()).toString())
                        .add("heldForMillis", Math.max(0, state.clockMillis() - h.grantedAtMillis()))),
                        () -> json.addNull("holder"));
                JsonArrayBuilder waiters = Json.createArrayBuilder();
                for (LockWaiter w : lock.waiters()) {
                    waiters.add(Json.createObjectBuilder().add("session", w.sessionId()).add("lease", w.leaseId())
                            .add("waitingForMillis", Math.max(0, state.clockMillis() - w.enqueuedAtMillis())));
                }
                json.add("waiters", waiters);
                lock.delayedUntilMillis().ifPresent(d -> json.add("delayedUntil", Instant.ofEpochMilli(d).toString()));
                locks.add(json);
            }
            return Json.createObjectBuilder().add("locks", locks);
        });
    }

    static Response sessions(SynodNode node) {
        return withState(node, state -> {
            JsonArrayBuilder sessions = Json.createArrayBuilder();
            for (SessionInfo s : state.sessions()) {
                sessions.add(Json.createObjectBuilder().add("id", s.id()).add("instance", s.owner())
                        .add("ttlMillis", s.ttlMillis())
                        .add("lastHeartbeat", Instant.ofEpochMilli(s.lastHeartbeatMillis()).toString())
                        .add("ttlLeftMillis", s.ttlLeftMillis()));
            }
            return Json.createObjectBuilder().add("sessions", sessions);
        });
    }

    private static Response withState(SynodNode node, java.util.function.Function<CoordinationState, JsonObjectBuilder> render) {
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isEmpty()) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "the Raft runtime is not running on this node");
        }
        CoordinationState state;
        try {
            state = runtime.get().coordination().get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "the node did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "interrupted");
        }
        JsonObjectBuilder body = render.apply(state).add("appliedIndex", state.appliedIndex())
                .add("clusterTime", Instant.ofEpochMilli(state.clockMillis()).toString())
                .add("metrics", metrics(node.locks().metrics()));
        return Response.ok(body.build().toString()).build();
    }

    private static JsonObjectBuilder metrics(LockMetrics metrics) {
        LockMetrics.Counts c = metrics.counts();
        return Json.createObjectBuilder().add("grants", c.grants()).add("waits", c.waits())
                .add("waitTimeouts", c.waitTimeouts()).add("waitMillisTotal", c.waitMillis())
                .add("releases", c.releases()).add("leasesLost", c.leasesLost()).add("sessionsLost", c.sessionsLost())
                .add("sessionsExpired", c.sessionsExpired()).add("fencedWritesRejected", c.fencedRejections());
    }
}
