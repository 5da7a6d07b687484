package io.synod.admin.audit;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.time.Instant;
import java.util.Objects;

/**
 * One audited action: who did what, when, on which node, with what result. Stored as versioned JSON.
 *
 * @param node the node whose console took the action
 */
public record AuditEntry(Instant at, String user, String node, String action, String result) {

    private static final String VERSION = "synod-audit/1";

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
    }

    String encode() {
        return Json.createObjectBuilder().add("v", VERSION).add("at", at.toString()).add("user", user)
                .add("node", node).add("action", action).add("result", result).build().toString();
    }

    /** @throws IllegalArgumentException for a value that is not an audit entry of this version */
    static AuditEntry decode(String json) {
        try {
            JsonObject o = Json.createReader(new StringReader(json)).readObject();
            if (!VERSION.equals(o.getString("v", ""))) {
                throw new IllegalArgumentException("not a " + VERSION + " entry");
            }
            return new AuditEntry(Instant.parse(o.getString("at")), o.getString("user"), o.getString("node"),
                    o.getString("action"), o.getString("result"));
        } catch (JsonException | NullPointerException | ClassCastException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("malformed audit entry: " + e.getMessage(), e);
        }
    }
}
