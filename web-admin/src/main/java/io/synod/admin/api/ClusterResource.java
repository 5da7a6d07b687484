package io.synod.admin.api;

import io.synod.api.ClusterMember;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.ejb.node.RaftHost;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /cluster}: this node's view of the Raft group, and leadership transfer. Every failure answers JSON
 * with a 4xx/503 status, never a 500: 400 for a bad or unknown node id, 409 (with the leader hint) when this
 * node is not the leader, 503 while the Raft runtime is not running here.
 */
@Path("cluster")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private static final long TRANSFER_ACCEPT_SECONDS = 5;

    @Inject
    SynodNode node;

    @GET
    public Response cluster() {
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isEmpty()) {
            return notRunning();
        }
        RuntimeStatus status = runtime.get().status();
        return Response.ok(describe(status).build().toString()).build();
    }

    @POST
    @Path("transfer-leadership")
    public Response transferLeadership(@QueryParam("to") String to) {
        if (to == null || to.isBlank()) {
            return ApiError.of(Response.Status.BAD_REQUEST, "query parameter 'to' (the target node id) is required");
        }
        NodeId target;
        try {
            target = NodeId.of(to.trim());
        } catch (IllegalArgumentException e) {
            return ApiError.of(Response.Status.BAD_REQUEST, "'" + to + "' is not a valid node id");
        }
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isEmpty()) {
            return notRunning();
        }
        RuntimeStatus status = runtime.get().status();
        if (!status.confState().voters().contains(target)) {
            return ApiError.of(Response.Status.BAD_REQUEST, target + " is not a voter of this cluster (voters: "
                    + status.confState().voters().stream().map(NodeId::value).sorted().toList() + ")");
        }
        try {
            runtime.get().transferLeadership(target).get(TRANSFER_ACCEPT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return refused(e.getCause());
        } catch (TimeoutException e) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "the node did not take the request within "
                    + TRANSFER_ACCEPT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "interrupted");
        }
        // Accepted, not done: the target campaigns once caught up; poll GET /cluster to see it lead.
        return Response.accepted(Json.createObjectBuilder()
                .add("transferringTo", target.value())
                .add("from", status.id().value())
                .add("term", status.term())
                .build().toString()).build();
    }

    /** The JSON answer for a request the runtime refused (shared with {@link MembersResource}). */
    static Response refused(Throwable cause) {
        if (cause instanceof NotLeaderException notLeader) {
            JsonObjectBuilder hint = Json.createObjectBuilder();
            notLeader.leaderHint().ifPresentOrElse(l -> hint.add("leader", l.value()), () -> hint.addNull("leader"));
            return ApiError.of(Response.Status.CONFLICT, "this node is not the leader; ask the leader", hint);
        }
        if (cause instanceof ProposalDroppedException dropped) {
            return ApiError.of(Response.Status.CONFLICT, dropped.getMessage());
        }
        if (cause instanceof IllegalArgumentException invalid) {
            return ApiError.of(Response.Status.BAD_REQUEST, invalid.getMessage());
        }
        return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "the node could not take the request: " + cause);
    }

    private Response notRunning() {
        return notRunning(node);
    }

    static Response notRunning(SynodNode node) {
        String detail = node.raftHost().map(RaftHost::detail).filter(d -> !d.isEmpty())
                .orElse("discovery has not started");
        return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "the Raft runtime is not running on this node",
                Json.createObjectBuilder().add("nodeId", node.settings().nodeId().value()).add("detail", detail));
    }

    private JsonObjectBuilder describe(RuntimeStatus status) {
        Map<String, ClusterMember> visible = node.members().stream()
                .collect(Collectors.toMap(ClusterMember::nodeId, Function.identity(), (a, b) -> a));
        ConfState conf = status.confState();
        Map<String, String> roles = new TreeMap<>();
        conf.voters().forEach(v -> roles.put(v.value(), "VOTER"));
        conf.learners().forEach(l -> roles.put(l.value(), "LEARNER"));
        visible.keySet().forEach(id -> roles.putIfAbsent(id, "NONE"));
        JsonArrayBuilder members = Json.createArrayBuilder();
        roles.forEach((id, membership) -> {
            JsonObjectBuilder member = Json.createObjectBuilder()
                    .add("nodeId", id)
                    .add("membership", membership)
                    .add("visible", visible.containsKey(id))
                    .add("isLeader", status.leader().map(l -> l.value().equals(id)).orElse(false));
            Optional.ofNullable(visible.get(id)).ifPresent(m ->
                    member.add("transport", m.transportHost() + ":" + m.transportPort()));
            members.add(member);
        });
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("nodeId", status.id().value())
                .add("role", status.role().name())
                .add("term", status.term())
                .add("commitIndex", status.commitIndex())
                .add("appliedIndex", status.appliedIndex())
                .add("lastIndex", status.lastIndex())
                .add("snapshotIndex", status.snapshotIndex())
                .add("running", status.running())
                .add("members", members);
        status.leader().ifPresentOrElse(l -> json.add("leader", l.value()), () -> json.addNull("leader"));
        return json;
    }
}
