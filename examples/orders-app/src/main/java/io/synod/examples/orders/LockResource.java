package io.synod.examples.orders;

import io.synod.api.DistributedLock;
import io.synod.api.FencedBy;
import io.synod.api.FencingRejectedException;
import io.synod.api.InvalidRequestException;
import io.synod.api.KeyValueStore;
import io.synod.api.Lease;
import io.synod.api.LeaseLostEvent;
import io.synod.api.SynodException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Optional;

/**
 * Distributed locks from an application, through {@code @Inject DistributedLock}:
 * {@code POST /orders-app/locks/{name}?waitMillis=} takes the lock (the lease is kept by this instance until
 * {@code DELETE}), {@code PUT /orders-app/locks/{name}/write?key=} writes the body fenced by the held lease (409 when
 * a newer holder exists), {@code GET /orders-app/locks/{name}} reports the lease and every lost event it fired.
 */
@Path("locks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LockResource {

    @Inject
    DistributedLock locks;

    @Inject
    KeyValueStore store;

    @Inject
    HeldLeases held;

    @POST
    @Path("{name: .+}")
    public Response acquire(@PathParam("name") String name, @QueryParam("waitMillis") long waitMillis) {
        try {
            Optional<Lease> lease = locks.tryAcquire(name, Duration.ofMillis(waitMillis));
            if (lease.isEmpty()) {
                return error(Response.Status.CONFLICT, name + " was not granted within " + waitMillis + " ms");
            }
            held.hold(lease.get());
            return Response.ok(describe(name, lease.get()).build()).build();
        } catch (SynodException e) {
            return failure(e);
        }
    }

    @PUT
    @Path("{name: .+}/write")
    public Response write(@PathParam("name") String name, @QueryParam("key") String key, byte[] value) {
        Optional<Lease> lease = held.get(name);
        if (lease.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "this instance holds no lease of " + name);
        }
        try {
            long revision = store.put(key, value == null ? new byte[0] : value, FencedBy.lease(lease.get()));
            return Response.ok(Json.createObjectBuilder().add("revision", revision)
                    .add("token", lease.get().fencingToken()).build()).build();
        } catch (FencingRejectedException e) {
            return Response.status(Response.Status.CONFLICT).entity(Json.createObjectBuilder()
                    .add("error", e.getMessage()).add("fenced", true).add("token", e.token())
                    .add("newestToken", e.newestToken()).build()).build();
        } catch (SynodException e) {
            return failure(e);
        }
    }

    @GET
    @Path("{name: .+}")
    public Response get(@PathParam("name") String name) {
        return held.get(name).map(lease -> Response.ok(describe(name, lease).build()).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "this instance holds no lease of " + name));
    }

    @DELETE
    @Path("{name: .+}")
    public Response release(@PathParam("name") String name) {
        Optional<Lease> lease = held.remove(name);
        try {
            lease.ifPresent(Lease::close);
        } catch (SynodException e) {
            return failure(e);
        }
        return lease.isPresent() ? Response.noContent().build()
                : error(Response.Status.NOT_FOUND, "this instance holds no lease of " + name);
    }

    private JsonObjectBuilder describe(String name, Lease lease) {
        JsonArrayBuilder lost = Json.createArrayBuilder();
        for (LeaseLostEvent e : held.lostEvents(name)) {
            lost.add(Json.createObjectBuilder().add("reason", e.reason().name()).add("token", e.fencingToken())
                    .add("noticedAt", e.noticedAt().toString()));
        }
        return Json.createObjectBuilder().add("name", name).add("token", lease.fencingToken())
                .add("valid", lease.isValid()).add("lost", lost);
    }

    private static Response failure(SynodException e) {
        if (e instanceof InvalidRequestException) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Json.createObjectBuilder().add("error", String.valueOf(message))
                .build()).build();
    }
}
