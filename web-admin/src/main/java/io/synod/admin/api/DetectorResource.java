package io.synod.admin.api;

import io.synod.api.ClusterView;
import io.synod.api.MemberHealth;
import io.synod.api.SynodUnavailableException;
import io.synod.ejb.detector.FailureDetector;
import io.synod.ejb.detector.TransitionCounts;
import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /detector}: this node's phi-accrual failure detector — per peer its phi, state and heartbeat statistics,
 * and how many transitions it saw. What the console's detector view and phi-over-time chart poll. 503 while the
 * node has not started.
 */
@Path("detector")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DetectorResource {

    @Inject
    SynodNode node;

    @GET
    public Response detector() {
        ClusterView view;
        FailureDetector detector;
        try {
            view = node.clusterView();
            detector = node.failureDetector();
        } catch (SynodUnavailableException e) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (MemberHealth m : view.members()) {
            members.add(Json.createObjectBuilder()
                    .add("member", m.memberId())
                    .add("state", m.state().name())
                    .add("phi", finite(m.phi()))
                    .add("lastHeartbeat", m.lastHeartbeat().toString())
                    .add("millisSinceLastHeartbeat", m.at().toEpochMilli() - m.lastHeartbeat().toEpochMilli())
                    .add("meanIntervalMillis", finite(m.meanIntervalMillis()))
                    .add("stdDevIntervalMillis", finite(m.stdDevIntervalMillis()))
                    .add("samples", m.samples()));
        }
        TransitionCounts transitions = detector.transitions();
        var settings = node.settings().detector();
        return Response.ok(Json.createObjectBuilder()
                .add("node", node.settings().nodeId().value())
                .add("phiThreshold", view.phiThreshold())
                .add("heartbeatIntervalMillis", settings.heartbeatInterval().toMillis())
                .add("acceptablePauseMillis", settings.acceptablePause().toMillis())
                .add("condemnAfterMillis", settings.condemnAfter().toMillis())
                .add("heartbeatsHeard", detector.heartbeatsHeard())
                .add("transitions", Json.createObjectBuilder()
                        .add("suspected", transitions.suspected())
                        .add("recovered", transitions.recovered())
                        .add("condemned", transitions.condemned()))
                .add("members", members)
                .build().toString()).build();
    }

    /** JSON has no infinity; phi is finite by construction, the guard keeps a surprise from becoming a 500. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : Double.MAX_VALUE;
    }
}
