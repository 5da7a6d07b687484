package io.synod.admin.monitor;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one member says about itself, published about twice a second for every console in the cluster. It
 * travels as a versioned JSON string, so no class has to be deserialized by another application's class loader.
 * Durations are relative ("heard from n2 120 ms ago"), so clocks of different hosts never get compared.
 *
 * @param sequence       increases with every publication: a console sees the member alive while it moves
 * @param role           the Raft role name, or empty while the runtime is not running
 * @param matchIndex     the leader's view of each peer's replicated log (empty unless this member leads)
 * @param heardAgoMillis how long ago this member last received a message from each peer
 */
public record MemberReport(String nodeId, long sequence, String transportAddress, Optional<String> role, long term,
                           Optional<String> leader, long commitIndex, long appliedIndex, long lastIndex,
                           long snapshotIndex, DiskUsage disk, Map<String, Long> matchIndex,
                           Map<String, Long> heardAgoMillis) {

    private static final String VERSION = "synod-member-report/1";

    public MemberReport {
        matchIndex = Map.copyOf(matchIndex);
        heardAgoMillis = Map.copyOf(heardAgoMillis);
    }

    public String encode() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("v", VERSION)
                .add("nodeId", nodeId)
                .add("sequence", sequence)
                .add("transport", transportAddress)
                .add("term", term)
                .add("commitIndex", commitIndex)
                .add("appliedIndex", appliedIndex)
                .add("lastIndex", lastIndex)
                .add("snapshotIndex", snapshotIndex)
                .add("dataDirBytes", disk.dataDirBytes())
                .add("walBytes", disk.walBytes())
                .add("snapshotBytes", disk.snapshotBytes())
                .add("matchIndex", numbers(matchIndex))
                .add("heardAgoMillis", numbers(heardAgoMillis));
        role.ifPresent(r -> json.add("role", r));
        leader.ifPresent(l -> json.add("leader", l));
        return json.build().toString();
    }

    /** @throws IllegalArgumentException for anything that is not a report of this version */
    public static MemberReport decode(String encoded) {
        try {
            JsonObject json = Json.createReader(new StringReader(encoded)).readObject();
            if (!VERSION.equals(json.getString("v", ""))) {
                throw new IllegalArgumentException("not a " + VERSION + ": " + encoded);
            }
            return new MemberReport(json.getString("nodeId"), json.getJsonNumber("sequence").longValue(),
                    json.getString("transport"), Optional.ofNullable(json.getString("role", null)),
                    json.getJsonNumber("term").longValue(), Optional.ofNullable(json.getString("leader", null)),
                    json.getJsonNumber("commitIndex").longValue(), json.getJsonNumber("appliedIndex").longValue(),
                    json.getJsonNumber("lastIndex").longValue(), json.getJsonNumber("snapshotIndex").longValue(),
                    new DiskUsage(json.getJsonNumber("dataDirBytes").longValue(),
                            json.getJsonNumber("walBytes").longValue(),
                            json.getJsonNumber("snapshotBytes").longValue()),
                    numbers(json.getJsonObject("matchIndex")), numbers(json.getJsonObject("heardAgoMillis")));
        } catch (JsonException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("malformed member report: " + e.getMessage(), e);
        }
    }

    private static JsonObjectBuilder numbers(Map<String, Long> values) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        values.forEach(json::add);
        return json;
    }

    private static Map<String, Long> numbers(JsonObject json) {
        Map<String, Long> values = new TreeMap<>();
        for (Map.Entry<String, JsonValue> e : json.entrySet()) {
            values.put(e.getKey(), ((JsonNumber) e.getValue()).longValue());
        }
        return values;
    }
}
