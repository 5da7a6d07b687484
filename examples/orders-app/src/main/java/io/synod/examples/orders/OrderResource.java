package io.synod.examples.orders;

import io.synod.api.CasResult;
import io.synod.api.Consistency;
import io.synod.api.IndeterminateOutcomeException;
import io.synod.api.InvalidRequestException;
import io.synod.api.KeyValue;
import io.synod.api.KeyValueStore;
import io.synod.api.ScanPage;
import io.synod.api.SynodException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Orders kept in Synod's replicated key-value store under {@code orders/<id>}, reachable from every instance:
 * {@code POST /orders-app/orders/{id}} places an order exactly once (a retried request finds it placed),
 * {@code GET /orders-app/orders/{id}[?consistency=local]} reads it back, {@code GET /orders-app/orders} lists them.
 */
@Path("orders")
@RequestScoped
public class OrderResource {

    private static final String PREFIX = "orders/";
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int LIST_LIMIT = 100;

    @Inject
    KeyValueStore store;

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response place(@PathParam("id") String id, byte[] order) {
        if (!ORDER_ID.matcher(id).matches()) {
            return error(Response.Status.BAD_REQUEST, "an order id is 1-64 letters, digits or '-'");
        }
        try {
            // put-if-absent: a client retrying after a lost answer cannot place the same order twice
            CasResult placed = store.putIfAbsent(PREFIX + id, order == null ? new byte[0] : order);
            if (!placed.succeeded()) {
                return Response.status(Response.Status.CONFLICT).entity(Json.createObjectBuilder()
                        .add("error", "order " + id + " was already placed")
                        .add("revision", placed.currentRevision()).build()).build();
            }
            return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                    .add("id", id).add("revision", placed.revision()).build()).build();
        } catch (SynodException e) {
            return failure(e);
        }
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id, @QueryParam("consistency") String consistency) {
        if (!ORDER_ID.matcher(id).matches()) {
            return error(Response.Status.BAD_REQUEST, "an order id is 1-64 letters, digits or '-'");
        }
        Consistency wanted;
        try {
            wanted = consistency == null ? Consistency.LINEARIZABLE
                    : Consistency.valueOf(consistency.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, "consistency is linearizable, lease or local");
        }
        try {
            return store.get(PREFIX + id, wanted)
                    .map(kv -> Response.ok(kv.value()).header("X-Synod-Revision", kv.modRevision()).build())
                    .orElseGet(() -> error(Response.Status.NOT_FOUND, "no order " + id));
        } catch (SynodException e) {
            return failure(e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        try {
            ScanPage page = store.scan(PREFIX, LIST_LIMIT);
            JsonArrayBuilder ids = Json.createArrayBuilder();
            for (KeyValue kv : page.entries()) {
                ids.add(kv.key().substring(PREFIX.length()));
            }
            return Response.ok(Json.createObjectBuilder().add("orders", ids).add("more", page.more()).build()).build();
        } catch (SynodException e) {
            return failure(e);
        }
    }

    private static Response failure(SynodException e) {
        if (e instanceof InvalidRequestException) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof IndeterminateOutcomeException) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "unknown whether the order was placed; GET it before retrying: "
                    + e.getMessage());
        }
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", message).build()).build();
    }
}
