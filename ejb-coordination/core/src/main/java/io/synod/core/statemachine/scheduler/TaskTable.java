package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * All tasks by id, plus the indexes the scheduler's hot paths need: PENDING tasks by ready time (assign), held
 * tasks by lease expiry (expire) and by member (load, member down). Every change goes through {@link #put}, which
 * re-indexes from the old and new value, so the indexes cannot drift from the tasks. Sorted structures only:
 * iteration order is the same on every replica.
 */
final class TaskTable {

    /** An index entry: a time, then the task id to break ties deterministically. */
    record TimedKey(long atMillis, String taskId) implements Comparable<TimedKey> {
        @Override
        public int compareTo(TimedKey o) {
            int c = Long.compare(atMillis, o.atMillis);
            return c != 0 ? c : taskId.compareTo(o.taskId);
        }
    }

    private final TreeMap<String, Task> tasks = new TreeMap<>();
    private final TreeSet<TimedKey> pendingByReady = new TreeSet<>();
    private final TreeSet<TimedKey> heldByLease = new TreeSet<>();
    private final TreeMap<NodeId, TreeSet<String>> heldByMember = new TreeMap<>();
    private final TreeSet<TimedKey> finishedByTime = new TreeSet<>();

    Optional<Task> get(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    int size() {
        return tasks.size();
    }

    /** Every task in id order. */
    Collection<Task> all() {
        return Collections.unmodifiableCollection(tasks.values());
    }

    /** Remove a task (only final ones are ever removed, by purge). */
    void remove(String id) {
        Task old = tasks.remove(id);
        if (old != null) {
            unindex(old);
        }
    }

    /** Final tasks that finished at or before {@code cutoffMillis}, oldest first, at most {@code max}. */
    List<String> finishedBy(long cutoffMillis, int max) {
        List<String> out = new ArrayList<>();
        for (TimedKey key : finishedByTime) {
            if (key.atMillis() > cutoffMillis || out.size() >= max) {
                break;
            }
            out.add(key.taskId());
        }
        return out;
    }

    /** The earliest lease expiry of a held task, for the leader to know when an expire is worth proposing. */
    Optional<Long> nextLeaseExpiry() {
        return heldByLease.isEmpty() ? Optional.empty() : Optional.of(heldByLease.first().atMillis());
    }

    /** Insert or replace (by id). */
    void put(Task task) {
        Task old = tasks.put(task.id(), task);
        if (old != null) {
            unindex(old);
        }
        index(task);
    }

    /** PENDING tasks whose ready time has come, in ready-time order. */
    List<Task> ready(long nowMillis) {
        List<Task> out = new ArrayList<>();
        for (TimedKey key : pendingByReady) {
            if (key.atMillis() > nowMillis) {
                break;
            }
            out.add(tasks.get(key.taskId()));
        }
        return out;
    }

    /** The earliest ready time of a PENDING task, for the leader to know when an assign is worth proposing. */
    Optional<Long> nextReadyAt() {
        return pendingByReady.isEmpty() ? Optional.empty() : Optional.of(pendingByReady.first().atMillis());
    }

    /** Held tasks whose lease expired at or before {@code nowMillis}, in expiry order. */
    List<Task> lapsed(long nowMillis) {
        List<Task> out = new ArrayList<>();
        for (TimedKey key : heldByLease) {
            if (key.atMillis() > nowMillis) {
                break;
            }
            out.add(tasks.get(key.taskId()));
        }
        return out;
    }

    int load(NodeId member) {
        TreeSet<String> held = heldByMember.get(member);
        return held == null ? 0 : held.size();
    }

    SortedSet<String> heldBy(NodeId member) {
        TreeSet<String> held = heldByMember.get(member);
        return held == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(held);
    }

    /** Members that hold at least one task. */
    SortedSet<NodeId> holders() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(heldByMember.keySet()));
    }

    void clear() {
        tasks.clear();
        pendingByReady.clear();
        heldByLease.clear();
        heldByMember.clear();
        finishedByTime.clear();
    }

    private void index(Task t) {
        if (t.state() == TaskState.PENDING) {
            pendingByReady.add(new TimedKey(t.readyAtMillis(), t.id()));
        } else if (t.state().isHeld()) {
            heldByLease.add(new TimedKey(t.leaseExpiresAtMillis(), t.id()));
            heldByMember.computeIfAbsent(t.assignee().orElseThrow(), m -> new TreeSet<>()).add(t.id());
        } else {
            finishedByTime.add(new TimedKey(t.updatedAtMillis(), t.id()));
        }
    }

    private void unindex(Task t) {
        if (t.state() == TaskState.PENDING) {
            pendingByReady.remove(new TimedKey(t.readyAtMillis(), t.id()));
        } else if (t.state().isHeld()) {
            heldByLease.remove(new TimedKey(t.leaseExpiresAtMillis(), t.id()));
            NodeId member = t.assignee().orElseThrow();
            TreeSet<String> held = heldByMember.get(member);
            held.remove(t.id());
            if (held.isEmpty()) {
                heldByMember.remove(member);
            }
        } else {
            finishedByTime.remove(new TimedKey(t.updatedAtMillis(), t.id()));
        }
    }
}
