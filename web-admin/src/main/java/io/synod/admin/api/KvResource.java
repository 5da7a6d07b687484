package io.synod.admin.api;

import io.synod.api.CasResult;
import io.synod.api.IndeterminateOutcomeException;
import io.synod.api.InvalidRequestException;
import io.synod.api.KeyValue;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodException;
import io.synod.api.SynodUnavailableException;
import io.synod.api.ValueTooLargeException;
import io.synod.ejb.kv.ReservedKeyException;
import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /kv}: operators' access to the replicated key-value store, through the same {@link KeyValueStore} the
 * applications inject (same limits, same checks before anything is proposed). Keys may contain {@code /}.
 *
 * <p>Statuses: 200; 404 for an absent key; 412 when a {@code prevRevision} condition failed (with the key's current
 * revision, 0 if absent); 400 for malformed parameters or a bad key; 403 for a write under a reserved prefix
 * ({@code /synod/audit/}: only the console's audit writer writes there); 413 for a value over the limit; 503 when no
 * leader can take the request (nothing changed) or when a write's outcome is unknown ({@code "outcome":
 * "indeterminate"}: read before retrying). Every error is a JSON body; never a 500.
 */
@Path("kv")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class KvResource {

    @Inject
    SynodNode node;

    /** {@code GET /kv?prefix=&limit=}: one page of live keys under the prefix, linearizable. */
    @GET
    public Response scan(@QueryParam("prefix") String prefix, @QueryParam("limit") String limit) {
        return answer(() -> {
            int pageSize = KvParameters.limit(limit);
            return Response.ok(KvJson.page(store().scan(prefix == null ? "" : prefix, pageSize), Instant.now())
                    .build().toString()).build();
        });
    }

    /** {@code GET /kv/{key}?consistency=linearizable|lease|local}. */
    @GET
    @Path("{key: .+}")
    public Response get(@PathParam("key") String key, @QueryParam("consistency") String consistency) {
        return answer(() -> {
            Optional<KeyValue> kv = store().get(key, KvParameters.consistency(consistency));
            return kv.map(found -> Response.ok(KvJson.keyValue(found, Instant.now()).build().toString()).build())
                    .orElseGet(() -> ApiError.of(Response.Status.NOT_FOUND, "no such key",
                            Json.createObjectBuilder().add("key", key)));
        });
    }

    /** {@code PUT /kv/{key}[?prevRevision=][&ttl=seconds]}; the body is the value's bytes. */
    @PUT
    @Path("{key: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("key") String key, @QueryParam("prevRevision") String prevRevision,
                        @QueryParam("ttl") String ttl, byte[] body) {
        return answer(() -> {
            Optional<Long> expected = KvParameters.prevRevision(prevRevision);
            Optional<Duration> lifetime = KvParameters.ttl(ttl);
            byte[] value = body == null ? new byte[0] : body;
            if (expected.isEmpty()) {
                long revision = lifetime.isPresent() ? store().put(key, value, lifetime.get()) : store().put(key, value);
                return written(key, revision);
            }
            CasResult cas = lifetime.isPresent()
                    ? store().compareAndSet(key, expected.get(), value, lifetime.get())
                    : store().compareAndSet(key, expected.get(), value);
            return cas.succeeded() ? written(key, cas.revision()) : conflict(key, expected.get(), cas);
        });
    }

    /** {@code DELETE /kv/{key}[?prevRevision=]}. */
    @DELETE
    @Path("{key: .+}")
    public Response delete(@PathParam("key") String key, @QueryParam("prevRevision") String prevRevision) {
        return answer(() -> {
            Optional<Long> expected = KvParameters.prevRevision(prevRevision);
            if (expected.isEmpty()) {
                boolean deleted = store().delete(key);
                return Response.ok(Json.createObjectBuilder().add("key", key).add("deleted", deleted)
                        .build().toString()).build();
            }
            CasResult cas = store().compareAndDelete(key, expected.get());
            if (!cas.succeeded()) {
                return conflict(key, expected.get(), cas);
            }
            return Response.ok(Json.createObjectBuilder().add("key", key).add("deleted", true)
                    .add("revision", cas.revision()).build().toString()).build();
        });
    }

    private KeyValueStore store() {
        return node.keyValues();
    }

    private static Response written(String key, long revision) {
        return Response.ok(Json.createObjectBuilder().add("key", key).add("revision", revision)
                .build().toString()).build();
    }

    private static Response conflict(String key, long expected, CasResult cas) {
        JsonObjectBuilder detail = Json.createObjectBuilder()
                .add("key", key)
                .add("prevRevision", expected)
                .add("currentRevision", cas.currentRevision())
                .add("revision", cas.revision());
        return ApiError.of(Response.Status.PRECONDITION_FAILED,
                cas.current().isPresent() ? "the key's mod revision is " + cas.currentRevision() + ", not " + expected
                        : "the key does not exist", detail);
    }

    /** Runs the request and maps every failure to its JSON error: bad input 400/413, no leader or unknown 503. */
    private static Response answer(Supplier<Response> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private static Response failure(Throwable e) {
        if (e instanceof KvParameters.BadParameterException bad) {
            return ApiError.of(Response.Status.BAD_REQUEST, bad.getMessage());
        }
        if (e instanceof ReservedKeyException reserved) {
            return ApiError.of(Response.Status.FORBIDDEN, reserved.getMessage());
        }
        if (e instanceof ValueTooLargeException tooLarge) {
            return ApiError.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, tooLarge.getMessage());
        }
        if (e instanceof InvalidRequestException invalid) {
            return ApiError.of(Response.Status.BAD_REQUEST, invalid.getMessage());
        }
        if (e instanceof IndeterminateOutcomeException unknown) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, unknown.getMessage(),
                    Json.createObjectBuilder().add("outcome", "indeterminate"));
        }
        if (e instanceof SynodUnavailableException unavailable) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, unavailable.getMessage(),
                    Json.createObjectBuilder().add("outcome", "not-applied"));
        }
        if (e instanceof SynodException other) {
            return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, other.getMessage());
        }
        return ApiError.of(Response.Status.SERVICE_UNAVAILABLE, "the node could not serve the request: " + e);
    }
}
