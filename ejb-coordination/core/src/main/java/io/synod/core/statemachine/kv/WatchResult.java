package io.synod.core.statemachine.kv;

import java.util.List;

/** The answer to "what changed since revision r". */
public sealed interface WatchResult {

    /**
     * Events with revision >= the requested one, oldest first, whole revisions only; {@code more} says the page
     * stopped at its size bound and the watcher should continue from the last event's revision + 1.
     * {@code revision} is the store's current one.
     */
    record Events(List<KvEvent> events, long revision, boolean more) implements WatchResult {
        public Events {
            events = List.copyOf(events);
        }
    }

    /**
     * The requested revision is at or below {@code compactRevision}: its events are gone, the watcher must re-read
     * the current state and watch from {@code revision + 1} (etcd's ErrCompacted).
     */
    record Compacted(long compactRevision, long revision) implements WatchResult {
    }
}
