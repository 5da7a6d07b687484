package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a scheduler command produced. Refusals — including stale attempt reports — are ordinary results: every
 * replica computes them identically and the duplicate filter replays them.
 */
public sealed interface SchedulerResult {

    /** Accepted; the task will not be assigned before {@code readyAtMillis} (leader time). */
    record Submitted(String taskId, long readyAtMillis) implements SchedulerResult {
        public Submitted {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    record Cancelled(String taskId, TaskState previous) implements SchedulerResult {
        public Cancelled {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(previous, "previous");
        }
    }

    /** The placements of one assign entry, in the order they were decided (highest effective priority first). */
    record Assigned(List<Assignment> assignments) implements SchedulerResult {
        public Assigned {
            assignments = List.copyOf(assignments);
        }
    }

    /** A started or renewed attempt: its lease now runs until {@code leaseExpiresAtMillis}. */
    record LeaseRenewed(String taskId, long attemptToken, long leaseExpiresAtMillis) implements SchedulerResult {
        public LeaseRenewed {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    /** The completion was accepted; a cron task's next occurrence is at {@code nextRunAtMillis}. */
    record Completed(String taskId, long attemptToken, OptionalLong nextRunAtMillis) implements SchedulerResult {
        public Completed {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(nextRunAtMillis, "nextRunAtMillis");
        }
    }

    /** The failure was accepted: the task is now PENDING (retry at {@code readyAtMillis}), FAILED or DEAD_LETTERED. */
    record Failed(String taskId, long attemptToken, TaskState now, long readyAtMillis) implements SchedulerResult {
        public Failed {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(now, "now");
        }
    }

    /** Held tasks taken back (lapsed leases, or a member gone): each is PENDING again or DEAD_LETTERED. */
    record Released(List<ReleasedTask> tasks) implements SchedulerResult {
        public Released {
            tasks = List.copyOf(tasks);
        }
    }

    record ReleasedTask(String taskId, long attemptToken, NodeId member, TaskState now) {
        public ReleasedTask {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(now, "now");
        }
    }

    /** Final tasks forgotten by a purge, in the order they were removed (oldest first). */
    record Purged(List<String> taskIds) implements SchedulerResult {
        public Purged {
            taskIds = List.copyOf(taskIds);
        }
    }

    record MemberRegistered(NodeId member, int capacity) implements SchedulerResult {
        public MemberRegistered {
            Objects.requireNonNull(member, "member");
        }
    }

    /** The command broke a rule or lost a race (stale attempt, unknown task); nothing changed. */
    record Rejected(SchedulerViolation violation, String message) implements SchedulerResult {
        public Rejected {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(message, "message");
        }
    }
}
