package io.synod.examples.orders;

import io.synod.api.ClusterMember;
import io.synod.api.SynodCluster;
import io.synod.api.SynodUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /orders-app/cluster}: the Synod members this application sees, through the injected bean. */
@Path("cluster")
@RequestScoped
public class ClusterResource {

    @Inject
    SynodCluster cluster;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response members() {
        try {
            JsonArrayBuilder members = Json.createArrayBuilder();
            for (ClusterMember member : cluster.members()) {
                members.add(Json.createObjectBuilder()
                        .add("nodeId", member.nodeId())
                        .add("transportAddress", member.transportAddress())
                        .add("local", member.local()));
            }
            JsonObject body = Json.createObjectBuilder()
                    .add("localNode", cluster.localMember().nodeId())
                    .add("members", members)
                    .build();
            return Response.ok(body).build();
        } catch (SynodUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Json.createObjectBuilder().add("error", e.getMessage()).build()).build();
        }
    }
}
