package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Field encodings shared by the scheduler formats (commands, results, snapshots). Bounds on decode are the hard
 * ceilings of {@link SchedulerLimits}, never the configured limits: configuration is checked by the validator on
 * apply, and a decoder that depended on it would make a log written under one setting unreadable under another.
 */
final class SchedulerWire {

    static final int MAX_ID_BYTES = SchedulerLimits.HARD_MAX_ID_BYTES;
    static final int MAX_PAYLOAD_BYTES = SchedulerLimits.HARD_MAX_PAYLOAD_BYTES;
    static final int MAX_ERROR_BYTES = SchedulerLimits.HARD_MAX_ERROR_BYTES;
    static final int MAX_NODE_ID_BYTES = 64;
    /** Smallest encoding of a task: its spec's fixed part plus the task's own fixed fields. */
    static final int MIN_TASK_BYTES = 60 + 60;

    private SchedulerWire() {
    }

    static void writeSpec(WireWriter out, TaskSpec s) {
        out.writeString(s.id()).writeString(s.handler()).writeBytes(s.payload()).writeInt(s.priority())
                .writeLong(s.delayMillis());
        writeOptionalString(out, s.cron());
        out.writeInt(s.retry().maxAttempts()).writeLong(s.retry().backoffBaseMillis())
                .writeLong(s.retry().backoffMaxMillis()).writeLong(s.attemptTimeoutMillis());
        writeOptionalString(out, s.affinity().map(NodeId::value));
    }

    static TaskSpec readSpec(WireReader in) throws CodecException {
        String id = in.readString("spec.id", MAX_ID_BYTES);
        String handler = in.readString("spec.handler", MAX_ID_BYTES);
        byte[] payload = in.readBytes("spec.payload", MAX_PAYLOAD_BYTES);
        int priority = in.readInt("spec.priority");
        long delay = in.readLong("spec.delay");
        Optional<String> cron = readOptionalString(in, "spec.cron", CronSchedule.MAX_EXPRESSION_LENGTH * 4);
        RetryPolicy retry = new RetryPolicy(in.readInt("spec.maxAttempts"), in.readLong("spec.backoffBase"),
                in.readLong("spec.backoffMax"));
        long timeout = in.readLong("spec.timeout");
        Optional<NodeId> affinity = readOptionalNodeId(in, "spec.affinity");
        return new TaskSpec(id, handler, payload, priority, delay, cron, retry, timeout, affinity);
    }

    static void writeTask(WireWriter out, Task t) {
        writeSpec(out, t.spec());
        out.writeByte(t.state().code()).writeLong(t.submittedAtMillis()).writeLong(t.readyAtMillis())
                .writeInt(t.attempts()).writeLong(t.completions());
        writeOptionalString(out, t.assignee().map(NodeId::value));
        out.writeLong(t.attemptToken()).writeLong(t.leaseExpiresAtMillis()).writeLong(t.attemptDeadlineMillis())
                .writeBytes(t.result());
        writeOptionalString(out, t.lastError());
        out.writeLong(t.updatedAtMillis());
    }

    static Task readTask(WireReader in) throws CodecException {
        TaskSpec spec = readSpec(in);
        TaskState state = readState(in, "task.state");
        long submitted = in.readLongAtLeast("task.submittedAt", 0);
        long readyAt = in.readLongAtLeast("task.readyAt", 0);
        int attempts = in.readInt("task.attempts");
        long completions = in.readLongAtLeast("task.completions", 0);
        Optional<NodeId> assignee = readOptionalNodeId(in, "task.assignee");
        long token = in.readLongAtLeast("task.attemptToken", 0);
        long lease = in.readLong("task.leaseExpiresAt");
        long deadline = in.readLong("task.attemptDeadline");
        byte[] result = in.readBytes("task.result", MAX_PAYLOAD_BYTES);
        Optional<String> error = readOptionalString(in, "task.lastError", MAX_ERROR_BYTES);
        long updated = in.readLongAtLeast("task.updatedAt", 0);
        if (attempts < 0) {
            throw new CodecException("task.attempts: must be >= 0, got " + attempts);
        }
        try {
            return new Task(spec, state, submitted, readyAt, attempts, completions, assignee, token, lease,
                    deadline, result, error, updated);
        } catch (IllegalArgumentException e) {
            throw new CodecException("task: " + e.getMessage());
        }
    }

    static void writeMember(WireWriter out, Member m) {
        out.writeString(m.name().value()).writeInt(m.capacity()).writeInt(m.handlers().size());
        m.handlers().forEach(out::writeString);
    }

    static Member readMember(WireReader in) throws CodecException {
        NodeId name = readNodeId(in, "member.name");
        int capacity = in.readInt("member.capacity");
        int n = in.readCount("member.handlers", SchedulerLimits.HARD_MAX_HANDLERS, 4);
        List<String> handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String h = in.readString("member.handler", MAX_ID_BYTES);
            if (!handlers.isEmpty() && handlers.get(handlers.size() - 1).compareTo(h) >= 0) {
                throw new CodecException("member.handlers: not strictly ascending at " + h);
            }
            handlers.add(h);
        }
        try {
            return new Member(name, capacity, handlers);
        } catch (IllegalArgumentException e) {
            throw new CodecException("member: " + e.getMessage());
        }
    }

    static void writeAssignment(WireWriter out, Assignment a) {
        out.writeString(a.taskId()).writeString(a.member().value()).writeLong(a.attemptToken())
                .writeInt(a.attempt()).writeLong(a.effectivePriority()).writeLong(a.leaseExpiresAtMillis());
    }

    static Assignment readAssignment(WireReader in) throws CodecException {
        return new Assignment(in.readString("assignment.taskId", MAX_ID_BYTES), readNodeId(in, "assignment.member"),
                in.readLong("assignment.token"), in.readInt("assignment.attempt"), in.readLong("assignment.priority"),
                in.readLong("assignment.lease"));
    }

    static TaskState readState(WireReader in, String field) throws CodecException {
        int code = in.readByte(field);
        return TaskState.fromCode(code).orElseThrow(() -> new CodecException(field + ": unknown state " + code));
    }

    static NodeId readNodeId(WireReader in, String field) throws CodecException {
        String value = in.readString(field, MAX_NODE_ID_BYTES);
        try {
            return new NodeId(value);
        } catch (IllegalArgumentException e) {
            throw new CodecException(field + ": " + e.getMessage());
        }
    }

    static void writeOptionalString(WireWriter out, Optional<String> value) {
        out.writeBoolean(value.isPresent());
        value.ifPresent(out::writeString);
    }

    static Optional<String> readOptionalString(WireReader in, String field, int maxBytes) throws CodecException {
        return in.readBoolean(field + ".present") ? Optional.of(in.readString(field, maxBytes)) : Optional.empty();
    }

    static Optional<NodeId> readOptionalNodeId(WireReader in, String field) throws CodecException {
        return in.readBoolean(field + ".present") ? Optional.of(readNodeId(in, field)) : Optional.empty();
    }
}
