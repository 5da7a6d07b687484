package io.synod.examples.orders;

import io.synod.api.ClusterView;
import io.synod.api.MemberCondemned;
import io.synod.api.MemberEvent;
import io.synod.api.MemberHealth;
import io.synod.api.MemberRecovered;
import io.synod.api.MemberSuspected;
import io.synod.api.SynodUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /orders-app/member-events}: the member events this application observed ({@link MemberEventLog});
 * {@code GET /orders-app/member-events/view}: the injected {@link ClusterView} (phi and state per peer).
 */
@Path("member-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MemberEventResource {

    @Inject
    MemberEventLog log;

    @Inject
    ClusterView view;

    @GET
    public Response events() {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (MemberEvent event : log.events()) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("type", event.getClass().getSimpleName())
                    .add("member", event.memberId())
                    .add("observer", event.observer())
                    .add("at", event.at().toString());
            if (event instanceof MemberSuspected s) {
                json.add("phi", s.phi());
            } else if (event instanceof MemberRecovered r) {
                json.add("from", r.from().name());
            } else if (event instanceof MemberCondemned c) {
                json.add("suspectedSince", c.suspectedSince().toString());
            }
            out.add(json);
        }
        return Response.ok(Json.createObjectBuilder().add("events", out).build()).build();
    }

    @GET
    @Path("view")
    public Response view() {
        try {
            JsonArrayBuilder members = Json.createArrayBuilder();
            for (MemberHealth m : view.members()) {
                members.add(Json.createObjectBuilder()
                        .add("member", m.memberId())
                        .add("state", m.state().name())
                        .add("phi", m.phi())
                        .add("lastHeartbeat", m.lastHeartbeat().toString())
                        .add("meanIntervalMillis", m.meanIntervalMillis())
                        .add("stdDevIntervalMillis", m.stdDevIntervalMillis()));
            }
            return Response.ok(Json.createObjectBuilder().add("phiThreshold", view.phiThreshold())
                    .add("members", members).build()).build();
        } catch (SynodUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Json.createObjectBuilder().add("error", e.getMessage()).build()).build();
        }
    }
}
