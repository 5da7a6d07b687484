package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A page of the task list: every filter that is present must match; results in id order, strictly after
 * {@code startAfter} (the last id of the previous page), at most {@code limit}.
 */
public record TaskQuery(Optional<TaskState> state, Optional<NodeId> member, OptionalInt minPriority,
                        Optional<String> startAfter, int limit) {

    public TaskQuery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(minPriority, "minPriority");
        Objects.requireNonNull(startAfter, "startAfter");
    }

    public static TaskQuery all(int limit) {
        return new TaskQuery(Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), limit);
    }

    public static TaskQuery inState(TaskState state, int limit) {
        return new TaskQuery(Optional.of(state), Optional.empty(), OptionalInt.empty(), Optional.empty(), limit);
    }

    public TaskQuery onMember(NodeId m) {
        return new TaskQuery(state, Optional.of(m), minPriority, startAfter, limit);
    }

    public TaskQuery withMinPriority(int p) {
        return new TaskQuery(state, member, OptionalInt.of(p), startAfter, limit);
    }

    public TaskQuery after(String id) {
        return new TaskQuery(state, member, minPriority, Optional.of(id), limit);
    }

    boolean matches(Task t) {
        return state.map(s -> s == t.state()).orElse(true)
                && member.map(m -> t.state().isHeld() && t.assignee().equals(Optional.of(m))).orElse(true)
                && (minPriority.isEmpty() || t.spec().priority() >= minPriority.getAsInt());
    }
}
