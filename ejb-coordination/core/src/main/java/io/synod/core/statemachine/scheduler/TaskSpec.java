package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client submits. Times are relative on purpose: {@code delayMillis} is counted from the leader time of
 * the submit entry, so a client with a skewed clock cannot make a task fire early. {@code cron} (5-field UNIX,
 * UTC) makes the task recurring: its first run is the first occurrence after now + delay. The payload is owned by
 * the spec. Structural checks only; limits are {@link SchedulerValidator}'s.
 *
 * @param id                 client-chosen, unique among live tasks; retries of a submit are deduplicated by it
 * @param handler            the {@code @TaskHandler} name that runs it
 * @param priority           higher runs first; waiting ready tasks gain one point per aging step
 * @param attemptTimeoutMillis an attempt that has not finished this long after assignment is abandoned
 * @param affinity           run only on this member
 */
public record TaskSpec(String id, String handler, byte[] payload, int priority, long delayMillis,
                       Optional<String> cron, RetryPolicy retry, long attemptTimeoutMillis,
                       Optional<NodeId> affinity) {

    public TaskSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(affinity, "affinity");
    }

    /** A one-shot task with default priority 0, no delay, {@link RetryPolicy#DEFAULT} and a 5-minute timeout. */
    public static TaskSpec of(String id, String handler, byte[] payload) {
        return new TaskSpec(id, handler, payload, 0, 0, Optional.empty(), RetryPolicy.DEFAULT, 300_000,
                Optional.empty());
    }

    public TaskSpec withPriority(int p) {
        return new TaskSpec(id, handler, payload, p, delayMillis, cron, retry, attemptTimeoutMillis, affinity);
    }

    public TaskSpec withDelay(long millis) {
        return new TaskSpec(id, handler, payload, priority, millis, cron, retry, attemptTimeoutMillis, affinity);
    }

    public TaskSpec withCron(String expression) {
        return new TaskSpec(id, handler, payload, priority, delayMillis, Optional.of(expression), retry,
                attemptTimeoutMillis, affinity);
    }

    public TaskSpec withRetry(RetryPolicy policy) {
        return new TaskSpec(id, handler, payload, priority, delayMillis, cron, policy, attemptTimeoutMillis,
                affinity);
    }

    public TaskSpec withTimeout(long millis) {
        return new TaskSpec(id, handler, payload, priority, delayMillis, cron, retry, millis, affinity);
    }

    public TaskSpec withAffinity(NodeId member) {
        return new TaskSpec(id, handler, payload, priority, delayMillis, cron, retry, attemptTimeoutMillis,
                Optional.of(member));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskSpec s && id.equals(s.id) && handler.equals(s.handler)
                && Arrays.equals(payload, s.payload) && priority == s.priority && delayMillis == s.delayMillis
                && cron.equals(s.cron) && retry.equals(s.retry) && attemptTimeoutMillis == s.attemptTimeoutMillis
                && affinity.equals(s.affinity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, handler, priority, delayMillis, cron, retry, attemptTimeoutMillis, affinity) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "TaskSpec[" + id + " " + handler + " p" + priority + " +" + delayMillis + "ms " + cron.orElse("")
                + affinity.map(m -> " @" + m).orElse("") + " " + payload.length + "B]";
    }
}
