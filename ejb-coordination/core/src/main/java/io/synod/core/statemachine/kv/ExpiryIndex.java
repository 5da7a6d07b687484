package io.synod.core.statemachine.kv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Keys with a TTL ordered by expiry time (then key), so the leader's periodic expire command costs only the number
 * of keys actually due, and removes them in one deterministic order on every replica.
 */
final class ExpiryIndex {

    private record Due(long atMillis, String key) {
    }

    private final TreeSet<Due> byTime =
            new TreeSet<>(Comparator.comparingLong(Due::atMillis).thenComparing(Due::key));

    void track(KeyValue kv) {
        kv.expiresAtMillis().ifPresent(at -> byTime.add(new Due(at, kv.key())));
    }

    void untrack(KeyValue kv) {
        kv.expiresAtMillis().ifPresent(at -> byTime.remove(new Due(at, kv.key())));
    }

    /** Keys whose expiry is at or before {@code nowMillis}, earliest first. */
    List<String> dueAt(long nowMillis) {
        List<String> due = new ArrayList<>();
        for (Due d : byTime) {
            if (d.atMillis() > nowMillis) {
                break;
            }
            due.add(d.key());
        }
        return due;
    }

    void clear() {
        byTime.clear();
    }

    int size() {
        return byTime.size();
    }
}
