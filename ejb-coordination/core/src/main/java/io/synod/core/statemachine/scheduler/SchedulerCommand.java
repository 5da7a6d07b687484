package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The scheduler's commands: what goes into the log. Workers report with the attempt token they were given;
 * the leader proposes {@link Assign} and {@link ExpireLeases} (the state machine decides what they do, at the
 * entry's time, so a stale proposal is harmless) and membership changes seen by the failure detector.
 * Structural checks only; limits are {@link SchedulerValidator}'s.
 */
public sealed interface SchedulerCommand {

    record Submit(TaskSpec spec) implements SchedulerCommand {
        public Submit {
            Objects.requireNonNull(spec, "spec");
        }
    }

    record Cancel(String taskId) implements SchedulerCommand {
        public Cancel {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    /** Place up to {@code maxAssignments} ready tasks; the attempt token is this entry's log index. */
    record Assign(int maxAssignments) implements SchedulerCommand {
    }

    /** The worker began running the attempt: ASSIGNED → RUNNING, lease renewed. */
    record Started(String taskId, long attemptToken) implements SchedulerCommand {
        public Started {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    /** Heartbeat of a running attempt: its lease is renewed (never past the attempt deadline). */
    record Renew(String taskId, long attemptToken) implements SchedulerCommand {
        public Renew {
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    record Complete(String taskId, long attemptToken, byte[] result) implements SchedulerCommand {
        public Complete {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Complete c && taskId.equals(c.taskId) && attemptToken == c.attemptToken
                    && Arrays.equals(result, c.result);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, attemptToken) * 31 + Arrays.hashCode(result);
        }

        @Override
        public String toString() {
            return "Complete[" + taskId + " #" + attemptToken + ", " + result.length + "B]";
        }
    }

    /** The attempt failed; {@code retryable = false} ends the task as FAILED whatever attempts remain. */
    record Fail(String taskId, long attemptToken, String error, boolean retryable) implements SchedulerCommand {
        public Fail {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(error, "error");
        }
    }

    /** Put back every held task whose attempt lease lapsed by the entry's time. */
    record ExpireLeases() implements SchedulerCommand {
    }

    /**
     * Proposed periodically by the leader: forget final tasks (succeeded, failed, dead-lettered, cancelled) that
     * finished at least {@code retainMillis} before the entry's time, oldest first, at most {@code maxTasks}; their
     * ids become free again. Without it the table, and every snapshot, would only grow.
     */
    record Purge(long retainMillis, int maxTasks) implements SchedulerCommand {
    }

    /** Register (or re-register with new settings) a live worker. */
    record MemberUp(NodeId member, int capacity, List<String> handlers) implements SchedulerCommand {
        public MemberUp {
            Objects.requireNonNull(member, "member");
            handlers = List.copyOf(handlers);
        }
    }

    /** The member left or was condemned by the failure detector: its held tasks go back to PENDING. */
    record MemberDown(NodeId member, boolean condemned) implements SchedulerCommand {
        public MemberDown {
            Objects.requireNonNull(member, "member");
        }
    }
}
