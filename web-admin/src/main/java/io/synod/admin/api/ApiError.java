package io.synod.admin.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one shape of every API error: {@code {"status": 409, "error": "...", ...}}. */
final class ApiError {

    private ApiError() {
    }

    static Response of(Response.Status status, String message) {
        return of(status, message, Json.createObjectBuilder());
    }

    static Response of(Response.Status status, String message, JsonObjectBuilder extra) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(extra.add("status", status.getStatusCode()).add("error", message).build().toString())
                .build();
    }
}
