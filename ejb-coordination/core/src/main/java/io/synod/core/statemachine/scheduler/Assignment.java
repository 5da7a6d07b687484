package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.Objects;

/**
 * One placement decided by an assign entry: attempt number {@code attempt} of {@code taskId} goes to
 * {@code member}, fenced by {@code attemptToken} — the log index of that assign entry, so tokens of one task only
 * ever grow and a report carrying an older one is recognisably stale. {@code effectivePriority} is the aged
 * priority the decision was made on.
 */
public record Assignment(String taskId, NodeId member, long attemptToken, int attempt, long effectivePriority,
                         long leaseExpiresAtMillis) {

    public Assignment {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(member, "member");
    }
}
