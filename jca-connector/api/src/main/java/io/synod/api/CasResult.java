package io.synod.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a conditional write ({@code putIfAbsent}, {@code compareAndSet}, {@code compareAndDelete}) did. A condition
 * that did not hold is an ordinary outcome, not an exception, as etcd's {@code succeeded=false} and ZooKeeper's
 * {@code BadVersion} are: the caller reads {@link #current()} and decides.
 *
 * @param succeeded whether the condition held and the write was applied
 * @param revision  the store's revision after the operation: on success the write's own revision (for a write,
 *                  the key's new mod revision)
 * @param current   on failure, the key as found (empty when absent); on success, empty
 */
public record CasResult(boolean succeeded, long revision, Optional<KeyValue> current) {

    public CasResult {
        Objects.requireNonNull(current, "current");
    }

    /** The key's mod revision found when the condition failed; 0 when the key was absent. */
    public long currentRevision() {
        return current.map(KeyValue::modRevision).orElse(0L);
    }
}
