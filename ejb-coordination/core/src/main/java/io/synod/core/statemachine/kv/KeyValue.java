package io.synod.core.statemachine.kv;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One key as of some revision, with etcd's version bookkeeping: {@code createRevision} is the revision that
 * (re)created the key, {@code modRevision} the last one that wrote it, {@code version} the number of writes since
 * creation (a re-created key starts again at 1). {@code expiresAtMillis} is leader time. {@code value} is owned by
 * the record: callers must not mutate it.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version,
                       OptionalLong expiresAtMillis) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAtMillis, "expiresAtMillis");
        if (createRevision < 1 || modRevision < createRevision || version < 1) {
            throw new IllegalArgumentException("inconsistent revisions: create " + createRevision + ", mod "
                    + modRevision + ", version " + version);
        }
    }

    /** Expired keys are invisible from the first millisecond of their expiry on. */
    public boolean isExpiredAt(long nowMillis) {
        return expiresAtMillis.isPresent() && expiresAtMillis.getAsLong() <= nowMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue kv && createRevision == kv.createRevision && modRevision == kv.modRevision
                && version == kv.version && key.equals(kv.key) && Arrays.equals(value, kv.value)
                && expiresAtMillis.equals(kv.expiresAtMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, createRevision, modRevision, version, expiresAtMillis) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue[" + key + " rev " + createRevision + ".." + modRevision + " v" + version + ", "
                + value.length + "B" + (expiresAtMillis.isPresent() ? ", expires " + expiresAtMillis.getAsLong() : "")
                + "]";
    }
}
