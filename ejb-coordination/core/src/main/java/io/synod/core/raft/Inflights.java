package io.synod.core.raft;

import java.util.ArrayDeque;

/**
 * The flow-control window of one follower in REPLICATE state: the last index of every AppendEntries sent but
 * not yet acknowledged. When full the leader stops sending to that follower until acknowledgements free
 * slots, so a slow follower cannot make the leader buffer an unbounded amount of traffic.
 */
final class Inflights {

    private final int capacity;
    private final ArrayDeque<Long> lastIndexes = new ArrayDeque<>();

    Inflights(int capacity) {
        this.capacity = capacity;
    }

    void add(long lastIndex) {
        if (full()) {
            throw new IllegalStateException("inflight window full (" + capacity + ")");
        }
        lastIndexes.addLast(lastIndex);
    }

    /** An acknowledgement up to {@code index} frees every message whose last entry is at or below it. */
    void freeUpTo(long index) {
        while (!lastIndexes.isEmpty() && lastIndexes.peekFirst() <= index) {
            lastIndexes.pollFirst();
        }
    }

    void freeFirst() {
        lastIndexes.pollFirst();
    }

    boolean full() {
        return lastIndexes.size() >= capacity;
    }

    int count() {
        return lastIndexes.size();
    }

    void reset() {
        lastIndexes.clear();
    }
}
