package io.synod.admin.api;

import io.synod.admin.cluster.ConfChangeFit;
import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /cluster/members/{id}/...}: an operator's explicit membership changes, sent to the leader. Removal
 * happens only here; adding and promoting also happen on their own (see {@code io.synod.ejb.membership}), these
 * are for learners that should not wait, or for {@code synod.membership.auto-promote=false}.
 *
 * <p>Answers 202 with the log index once the leader appended the change (poll {@code GET /cluster} to see it
 * take effect); 400 for a malformed id or a change that does not fit the configuration (the current one is in
 * the answer), 409 when this node is not the leader (with the hint) or another change is still pending, 503
 * while the Raft runtime is not running here.
 */
@Path("cluster/members/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MembersResource {

    private static final long ACCEPT_SECONDS = 5;

    @Inject
    SynodNode node;

    @POST
    @Path("add-learner")
    public Response addLearner(@PathParam("id") String id) {
        return change(ConfChange.Kind.ADD_LEARNER, id);
    }

    @POST
    @Path("promote")
    public Response promote(@PathParam("id") String id) {
        return change(ConfChange.Kind.ADD_VOTER, id);
    }

    @POST
    @Path("remove")
    public Response remove(@PathParam("id") String id) {
        return change(ConfChange.Kind.REMOVE, id);
    }

    private Response change(ConfChange.Kind kind, String rawId) {
        NodeId target;
        try {
            target = NodeId.of(rawId == null ? "" : rawId.trim());
        } catch (IllegalArgumentException e) {
            return ApiError.of(Response.Status.BAD_REQUEST, "'" + rawId + "' is not a valid node id");
        }
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isEmpty()) {
            return ClusterResource.notRunning(node);
        }
        ConfState conf = runtime.get().status().confState();
        Optional<String> misfit = ConfChangeFit.misfit(kind, target, conf);
        if (misfit.isPresent()) {
            return ApiError.of(Response.Status.BAD_REQUEST, misfit.get(), Json.createObjectBuilder()
                    .add("voters", Json.createArrayBuilder(conf.voters().stream().map(NodeId::value).toList()))
                    .add("learners", Json.createArrayBuilder(conf.learners().stream().map(NodeId::value).toList())));
        }
        long index;
        try {
            index = runtime.get().proposeConfChange(new ConfChange(kind, target)).get(ACCEPT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return ClusterResource.refused(e.getCause());
        } catch (TimeoutException e) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "the node did not take the request within "
                    + ACCEPT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "interrupted");
        }
        return Response.accepted(Json.createObjectBuilder()
                .add("change", kind.name())
                .add("nodeId", target.value())
                .add("index", index)
                .build().toString()).build();
    }
}
