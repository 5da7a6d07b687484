package io.synod.core.statemachine.kv;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Short builders for the key-value tests. */
final class Kv {

    private Kv() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static KvCommand.Put put(String key, String value) {
        return new KvCommand.Put(key, b(value), Optional.empty());
    }

    static KvCommand.Put put(String key, String value, long ttlMillis) {
        return new KvCommand.Put(key, b(value), Optional.of(new Ttl(ttlMillis)));
    }

    static KvCommand.Scan scan(String prefix, int limit) {
        return new KvCommand.Scan(prefix, Optional.empty(), limit);
    }

    static KvCommand.Scan scanAfter(String prefix, String after, int limit) {
        return new KvCommand.Scan(prefix, Optional.of(after), limit);
    }
}
