package io.synod.admin.api;

import io.synod.api.KeyValue;
import io.synod.api.ScanPage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KvJsonTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTextValueComesAsBase64AndAsText() {
        KeyValue kv = new KeyValue("cfg/x", "héllo".getBytes(StandardCharsets.UTF_8), 3, 5, 2, Optional.empty());
        JsonObject json = parse(KvJson.keyValue(kv, NOW).build().toString());
        assertThat(json.getString("key")).isEqualTo("cfg/x");
        assertThat(json.getString("value")).isEqualTo("aMOpbGxv");
        assertThat(json.getString("valueText")).isEqualTo("héllo");
        assertThat(json.getJsonNumber("createRevision").longValue()).isEqualTo(3);
        assertThat(json.getJsonNumber("modRevision").longValue()).isEqualTo(5);
        assertThat(json.getJsonNumber("version").longValue()).isEqualTo(2);
        assertThat(json.containsKey("expiresAt")).isFalse();
    }

    @Test
    void binaryValuesHaveNoTextAndExpiringKeysTellTheTimeLeft() {
        KeyValue kv = new KeyValue("bin", new byte[] {(byte) 0xff, 0}, 1, 1, 1, Optional.of(NOW.plusSeconds(30)));
        JsonObject json = parse(KvJson.keyValue(kv, NOW).build().toString());
        assertThat(json.getString("value")).isEqualTo("/wA=");
        assertThat(json.containsKey("valueText")).isFalse();
        assertThat(json.getString("expiresAt")).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(json.getJsonNumber("ttlRemainingMillis").longValue()).isEqualTo(30_000);

        JsonObject late = parse(KvJson.keyValue(kv, NOW.plusSeconds(60)).build().toString());
        assertThat(late.getJsonNumber("ttlRemainingMillis").longValue()).as("never negative").isZero();
    }

    @Test
    void aPageCountsItsKeysAndSaysWhetherMoreRemain() {
        KeyValue kv = new KeyValue("a/1", new byte[0], 1, 1, 1, Optional.empty());
        JsonObject json = parse(KvJson.page(new ScanPage(List.of(kv), true, 9), NOW).build().toString());
        assertThat(json.getInt("count")).isEqualTo(1);
        assertThat(json.getBoolean("more")).isTrue();
        assertThat(json.getJsonNumber("revision").longValue()).isEqualTo(9);
        assertThat(json.getJsonArray("kvs").getJsonObject(0).getString("key")).isEqualTo("a/1");
    }

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
