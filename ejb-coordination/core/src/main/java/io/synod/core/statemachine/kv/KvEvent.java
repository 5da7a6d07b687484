package io.synod.core.statemachine.kv;

import java.util.Objects;
import java.util.Optional;

/**
 * One change in the watch history. All events of one command share its revision. For a PUT, {@code kv} is the
 * key as written; for DELETE and EXPIRE it is empty (the key is gone as of {@code revision}).
 */
public record KvEvent(long revision, Kind kind, String key, Optional<KeyValue> kv) {

    /** Part of the wire format: append only. */
    public enum Kind {
        PUT,
        DELETE,
        /** Removed because its TTL ran out (leader time), not by a client. */
        EXPIRE
    }

    public KvEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kv, "kv");
        if (revision < 1 || (kind == Kind.PUT) != kv.isPresent()) {
            throw new IllegalArgumentException("event needs revision >= 1 and a kv exactly for PUT: " + revision
                    + " " + kind + " " + kv);
        }
    }

    public static KvEvent put(KeyValue kv) {
        return new KvEvent(kv.modRevision(), Kind.PUT, kv.key(), Optional.of(kv));
    }

    public static KvEvent removed(long revision, Kind kind, String key) {
        return new KvEvent(revision, kind, key, Optional.empty());
    }

    /** Rough memory footprint, for bounding the history. */
    long approximateBytes() {
        return 48L + key.length() * 2L + kv.map(k -> (long) k.value().length).orElse(0L);
    }
}
