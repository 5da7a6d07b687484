package io.synod.core.statemachine.kv;

import java.util.List;

/**
 * The complete state of a {@link KvStore}, as written to and read from a snapshot: keys in key order, history
 * oldest first. Package-private: only the store and its snapshot codec speak it.
 */
record KvImage(long revision, long compactRevision, List<KeyValue> kvs, List<KvEvent> events) {

    KvImage {
        kvs = List.copyOf(kvs);
        events = List.copyOf(events);
    }
}
