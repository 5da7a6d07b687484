package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One task's replicated state, immutable: every transition makes a new value, so the table's indexes can be
 * updated from (old, new) pairs in one place.
 *
 * @param readyAtMillis         not before this leader time (not-before, cron occurrence, or retry backoff);
 *                              aging counts from here
 * @param attempts              attempts made in the current occurrence, including the one held now
 * @param completions           accepted completions so far (a one-shot task: 0 or 1)
 * @param assignee              the member holding the current attempt, or the last one that held it
 * @param attemptToken          the current (or last) attempt's token, 0 before the first assignment
 * @param leaseExpiresAtMillis  a held attempt lapses at this time unless renewed; never beyond the deadline
 * @param attemptDeadlineMillis assignment time + the spec's timeout: renewals cannot extend past it
 * @param result                the last accepted completion's result (empty before any)
 * @param lastError             the last failure or lapse, for the console and the dead-letter list
 */
public record Task(TaskSpec spec, TaskState state, long submittedAtMillis, long readyAtMillis, int attempts,
                   long completions, Optional<NodeId> assignee, long attemptToken, long leaseExpiresAtMillis,
                   long attemptDeadlineMillis, byte[] result, Optional<String> lastError, long updatedAtMillis) {

    public Task {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(lastError, "lastError");
        if (state.isHeld() && (assignee.isEmpty() || attemptToken < 1)) {
            throw new IllegalArgumentException("a held task needs an assignee and an attempt token: " + spec.id());
        }
    }

    static Task submitted(TaskSpec spec, long nowMillis, long readyAtMillis) {
        return new Task(spec, TaskState.PENDING, nowMillis, readyAtMillis, 0, 0, Optional.empty(), 0, 0, 0,
                new byte[0], Optional.empty(), nowMillis);
    }

    public String id() {
        return spec.id();
    }

    /** Priority plus one point per full aging step spent ready and waiting: old low-priority work catches up. */
    public long effectivePriority(long nowMillis, long agingStepMillis) {
        long waited = Math.max(0, nowMillis - readyAtMillis);
        return spec.priority() + waited / agingStepMillis;
    }

    public boolean isReady(long nowMillis) {
        return state == TaskState.PENDING && readyAtMillis <= nowMillis;
    }

    Task assigned(NodeId member, long token, long nowMillis, long leaseMillis) {
        long deadline = saturatedAdd(nowMillis, spec.attemptTimeoutMillis());
        return new Task(spec, TaskState.ASSIGNED, submittedAtMillis, readyAtMillis, attempts + 1, completions,
                Optional.of(member), token, Math.min(saturatedAdd(nowMillis, leaseMillis), deadline), deadline,
                result, lastError, nowMillis);
    }

    Task leased(TaskState newState, long nowMillis, long leaseMillis) {
        return new Task(spec, newState, submittedAtMillis, readyAtMillis, attempts, completions, assignee,
                attemptToken, Math.min(saturatedAdd(nowMillis, leaseMillis), attemptDeadlineMillis),
                attemptDeadlineMillis, result, lastError, nowMillis);
    }

    /** Back to PENDING (retry) or into a final state, keeping the attempt history. */
    Task released(TaskState newState, long readyAt, Optional<String> error, long nowMillis) {
        return new Task(spec, newState, submittedAtMillis, readyAt, attempts, completions, assignee, attemptToken,
                0, 0, result, error.or(() -> lastError), nowMillis);
    }

    Task completed(byte[] newResult, long nowMillis) {
        return new Task(spec, TaskState.SUCCEEDED, submittedAtMillis, readyAtMillis, attempts, completions + 1,
                assignee, attemptToken, 0, 0, newResult, lastError, nowMillis);
    }

    /** A cron task's next occurrence: a fresh attempt budget, the last result kept for queries. */
    Task nextOccurrence(long readyAt, long nowMillis) {
        return new Task(spec, TaskState.PENDING, submittedAtMillis, readyAt, 0, completions, assignee,
                attemptToken, 0, 0, result, lastError, nowMillis);
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Task t && spec.equals(t.spec) && state == t.state
                && submittedAtMillis == t.submittedAtMillis && readyAtMillis == t.readyAtMillis
                && attempts == t.attempts && completions == t.completions && assignee.equals(t.assignee)
                && attemptToken == t.attemptToken && leaseExpiresAtMillis == t.leaseExpiresAtMillis
                && attemptDeadlineMillis == t.attemptDeadlineMillis && Arrays.equals(result, t.result)
                && lastError.equals(t.lastError) && updatedAtMillis == t.updatedAtMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, state, readyAtMillis, attempts, completions, assignee, attemptToken) * 31
                + Arrays.hashCode(result);
    }

    @Override
    public String toString() {
        return "Task[" + spec.id() + " " + state + " ready@" + readyAtMillis + " attempts=" + attempts
                + " token=" + attemptToken + assignee.map(m -> " on " + m).orElse("") + "]";
    }
}
