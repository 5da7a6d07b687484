package io.synod.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One key as read from the store, with etcd's version bookkeeping. Revisions are the store's global,
 * monotonically increasing counter: every write gets the next one.
 *
 * @param key            the key
 * @param value          the value's bytes (the record hands out copies; it is never shared)
 * @param createRevision the revision that created the key (a deleted and re-created key gets a new one)
 * @param modRevision    the revision of the last write to the key: what {@link KeyValueStore#compareAndSet} compares
 * @param version        writes since creation (1 for a new key)
 * @param expiresAt      when a TTL was given: the instant (leader time) from which the key is gone
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version,
                       Optional<Instant> expiresAt) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        value = Objects.requireNonNull(value, "value").clone();
    }

    /** A copy of the value's bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String valueAsString() {
        return new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue kv && createRevision == kv.createRevision && modRevision == kv.modRevision
                && version == kv.version && key.equals(kv.key) && Arrays.equals(value, kv.value)
                && expiresAt.equals(kv.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, createRevision, modRevision, version, expiresAt) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue[" + key + " rev " + createRevision + ".." + modRevision + " v" + version + ", "
                + value.length + "B" + expiresAt.map(e -> ", expires " + e).orElse("") + "]";
    }
}
