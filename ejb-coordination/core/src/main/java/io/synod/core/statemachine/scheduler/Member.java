package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.List;
import java.util.Objects;

/**
 * A live worker as registered through the log: at most {@code capacity} tasks at once, running the handlers its
 * deployed applications provide ({@code handlers}, sorted and distinct so every replica stores the same list).
 */
public record Member(NodeId name, int capacity, List<String> handlers) {

    public Member {
        Objects.requireNonNull(name, "name");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        handlers = handlers.stream().sorted().distinct().toList();
    }

    public boolean runs(String handler) {
        return java.util.Collections.binarySearch(handlers, handler) >= 0;
    }
}
