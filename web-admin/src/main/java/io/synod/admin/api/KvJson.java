package io.synod.admin.api;

import io.synod.api.KeyValue;
import io.synod.api.ScanPage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The JSON shape of keys in the ops API, etcd's in camel case: {@code key}, {@code value} (base64, always),
 * {@code valueText} (only when the value is well-formed UTF-8), {@code createRevision}, {@code modRevision},
 * {@code version}, and for keys with a TTL {@code expiresAt} (leader time, ISO-8601) and {@code ttlRemainingMillis}
 * (judged on this node's clock).
 */
final class KvJson {

    private KvJson() {
    }

    static JsonObjectBuilder keyValue(KeyValue kv, Instant now) {
        byte[] value = kv.value();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("key", kv.key())
                .add("value", Base64.getEncoder().encodeToString(value));
        text(value).ifPresent(text -> json.add("valueText", text));
        json.add("createRevision", kv.createRevision())
                .add("modRevision", kv.modRevision())
                .add("version", kv.version());
        kv.expiresAt().ifPresent(expiry -> json
                .add("expiresAt", expiry.toString())
                .add("ttlRemainingMillis", Math.max(0, Duration.between(now, expiry).toMillis())));
        return json;
    }

    static JsonObjectBuilder page(ScanPage page, Instant now) {
        JsonArrayBuilder kvs = Json.createArrayBuilder();
        page.entries().forEach(kv -> kvs.add(keyValue(kv, now)));
        return Json.createObjectBuilder()
                .add("revision", page.revision())
                .add("count", page.entries().size())
                .add("more", page.more())
                .add("kvs", kvs);
    }

    /** The value as text if it is well-formed UTF-8 (strictly: no replacement characters invented). */
    static Optional<String> text(byte[] value) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
