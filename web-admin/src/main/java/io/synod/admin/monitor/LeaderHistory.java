package io.synod.admin.monitor;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The leader changes this node observed (from its own Raft status, sampled), newest first, bounded. "Since when"
 * is when this node first saw the current leader, so it is as precise as the sampling period.
 */
public final class LeaderHistory {

    private final int capacity;
    private final Deque<LeaderChange> changes = new ArrayDeque<>();

    public LeaderHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Record what the node says now; only a different leader (or a new term of a known one) is a change. */
    public synchronized void observe(Instant at, long term, Optional<String> leader) {
        LeaderChange last = changes.peekFirst();
        if (last != null && last.leader().equals(leader) && (leader.isEmpty() || last.term() == term)) {
            return;
        }
        changes.addFirst(new LeaderChange(at, term, leader));
        while (changes.size() > capacity) {
            changes.removeLast();
        }
    }

    /** When the current leader was first seen leading, if a leader is known. */
    public synchronized Optional<LeaderChange> current() {
        return Optional.ofNullable(changes.peekFirst()).filter(c -> c.leader().isPresent());
    }

    public synchronized List<LeaderChange> recent() {
        return List.copyOf(changes);
    }
}
