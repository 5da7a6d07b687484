package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The replicated task scheduler: tasks, live members and the decisions between them, changed only by
 * {@link #apply}. Time is always the entry's leader time and the attempt token is the entry's log index, so
 * member clocks never matter: nothing is assigned before its ready time in leader time, and a report from an
 * attempt that was taken back (lease lapsed, member condemned, task cancelled) carries an older token and is
 * refused.
 *
 * <p>At-least-once: an attempt whose worker vanishes is retried after its lease lapses, and every such attempt
 * counts against {@code maxAttempts}, so a task that keeps killing its workers ends DEAD_LETTERED.
 *
 * <p>Deterministic by construction: sorted maps only, no clock, no randomness. Not thread-safe.
 */
public final class SchedulerStore {

    private final SchedulerValidator validator;
    private final TaskTable tasks = new TaskTable();
    private final TreeMap<NodeId, Member> members = new TreeMap<>();
    private final SchedulerQueries queries;

    public SchedulerStore(SchedulerLimits limits) {
        this.validator = new SchedulerValidator(limits);
        this.queries = new SchedulerQueries(tasks, members, validator);
    }

    public SchedulerLimits limits() {
        return validator.limits();
    }

    /** The read side, for the shell and the console. */
    public SchedulerView view() {
        return queries;
    }

    /**
     * Apply one command at leader time {@code nowMillis} from log entry {@code index}. Never throws for a bad
     * command: a violation is a {@link SchedulerResult.Rejected} and leaves the state unchanged.
     */
    public SchedulerResult apply(SchedulerCommand command, long index, long nowMillis) {
        Objects.requireNonNull(command, "command");
        try {
            validator.validate(command);
        } catch (SchedulerValidationException e) {
            return new SchedulerResult.Rejected(e.violation(), e.getMessage());
        }
        if (command instanceof SchedulerCommand.Submit c) {
            return submit(c.spec(), nowMillis);
        }
        if (command instanceof SchedulerCommand.Cancel c) {
            return cancel(c.taskId(), nowMillis);
        }
        if (command instanceof SchedulerCommand.Assign c) {
            return assign(c.maxAssignments(), index, nowMillis);
        }
        if (command instanceof SchedulerCommand.Started c) {
            return renew(c.taskId(), c.attemptToken(), true, nowMillis);
        }
        if (command instanceof SchedulerCommand.Renew c) {
            return renew(c.taskId(), c.attemptToken(), false, nowMillis);
        }
        if (command instanceof SchedulerCommand.Complete c) {
            return complete(c.taskId(), c.attemptToken(), c.result(), nowMillis);
        }
        if (command instanceof SchedulerCommand.Fail c) {
            return fail(c, nowMillis);
        }
        if (command instanceof SchedulerCommand.ExpireLeases) {
            return release(tasks.lapsed(nowMillis), "attempt lease lapsed", true, nowMillis);
        }
        if (command instanceof SchedulerCommand.Purge c) {
            long cutoff = nowMillis - c.retainMillis();
            List<String> ids = cutoff < 0 ? List.of() : tasks.finishedBy(cutoff, c.maxTasks());
            ids.forEach(tasks::remove);
            return new SchedulerResult.Purged(ids);
        }
        if (command instanceof SchedulerCommand.MemberUp c) {
            members.put(c.member(), new Member(c.member(), c.capacity(), c.handlers()));
            return new SchedulerResult.MemberRegistered(c.member(), c.capacity());
        }
        SchedulerCommand.MemberDown c = (SchedulerCommand.MemberDown) command;
        members.remove(c.member());
        List<Task> held = tasks.heldBy(c.member()).stream().map(id -> tasks.get(id).orElseThrow()).toList();
        return release(held, c.condemned() ? "member condemned" : "member left", false, nowMillis);
    }

    private SchedulerResult submit(TaskSpec spec, long nowMillis) {
        if (tasks.get(spec.id()).isPresent()) {
            return rejected(SchedulerViolation.TASK_EXISTS, "task " + spec.id() + " already exists");
        }
        if (tasks.size() >= limits().maxTasks()) {
            return rejected(SchedulerViolation.TOO_MANY_TASKS, "the scheduler holds " + limits().maxTasks()
                    + " tasks, its limit");
        }
        // Accept only what some member can run now; otherwise the task could wait forever, unnoticed.
        if (members.values().stream().noneMatch(m -> m.runs(spec.handler())
                && spec.affinity().map(m.name()::equals).orElse(true))) {
            return rejected(SchedulerViolation.UNKNOWN_HANDLER, "no registered member"
                    + spec.affinity().map(m -> " named " + m).orElse("") + " runs handler '" + spec.handler() + "'");
        }
        long readyAt = Task.saturatedAdd(nowMillis, spec.delayMillis());
        if (spec.cron().isPresent()) {
            OptionalLong first = CronSchedule.parse(spec.cron().get()).nextAfter(readyAt);
            if (first.isEmpty()) {
                return rejected(SchedulerViolation.INVALID_CRON, "cron expression '" + spec.cron().get()
                        + "' never fires");
            }
            readyAt = first.getAsLong();
        }
        tasks.put(Task.submitted(spec, nowMillis, readyAt));
        return new SchedulerResult.Submitted(spec.id(), readyAt);
    }

    private SchedulerResult cancel(String id, long nowMillis) {
        Optional<Task> found = tasks.get(id);
        if (found.isEmpty()) {
            return rejected(SchedulerViolation.NOT_FOUND, "no task " + id);
        }
        Task task = found.get();
        if (task.state().isTerminal()) {
            return rejected(SchedulerViolation.NOT_CANCELLABLE, "task " + id + " is already " + task.state());
        }
        tasks.put(task.released(TaskState.CANCELLED, task.readyAtMillis(), Optional.empty(), nowMillis));
        return new SchedulerResult.Cancelled(id, task.state());
    }

    private SchedulerResult assign(int max, long index, long nowMillis) {
        TreeMap<NodeId, Integer> loads = new TreeMap<>();
        members.keySet().forEach(m -> loads.put(m, tasks.load(m)));
        long lease = limits().attemptLease().toMillis();
        List<Assignment> out = new ArrayList<>();
        for (Placement.Decision d : Placement.decide(tasks.ready(nowMillis), members, loads, nowMillis,
                limits().agingStep().toMillis(), max)) {
            Task assigned = d.task().assigned(d.member(), index, nowMillis, lease);
            tasks.put(assigned);
            out.add(new Assignment(assigned.id(), d.member(), index, assigned.attempts(), d.effectivePriority(),
                    assigned.leaseExpiresAtMillis()));
        }
        return new SchedulerResult.Assigned(out);
    }

    /** A start ({@code start}: ASSIGNED → RUNNING) or a renewal (state kept); either way the lease is renewed. */
    private SchedulerResult renew(String id, long token, boolean start, long nowMillis) {
        Optional<Task> current = tasks.get(id);
        Optional<SchedulerResult.Rejected> refused = checkAttempt(current, id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        Task task = current.get();
        Task renewed = task.leased(start ? TaskState.RUNNING : task.state(), nowMillis,
                limits().attemptLease().toMillis());
        tasks.put(renewed);
        return new SchedulerResult.LeaseRenewed(id, token, renewed.leaseExpiresAtMillis());
    }

    private SchedulerResult complete(String id, long token, byte[] result, long nowMillis) {
        Optional<Task> current = tasks.get(id);
        Optional<SchedulerResult.Rejected> refused = checkAttempt(current, id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        Task done = current.get().completed(result.clone(), nowMillis);
        // The next occurrence is the first one after now: occurrences missed while the task was late or the cluster
        // was down are skipped, not replayed in a burst. Only success continues a cron task; a final failure stops it
        // where an operator will see it (FAILED or DEAD_LETTERED).
        OptionalLong next = done.spec().cron().isPresent()
                ? CronSchedule.parse(done.spec().cron().get()).nextAfter(nowMillis) : OptionalLong.empty();
        tasks.put(next.isPresent() ? done.nextOccurrence(next.getAsLong(), nowMillis) : done);
        return new SchedulerResult.Completed(id, token, next);
    }

    private SchedulerResult fail(SchedulerCommand.Fail c, long nowMillis) {
        Optional<Task> current = tasks.get(c.taskId());
        Optional<SchedulerResult.Rejected> refused = checkAttempt(current, c.taskId(), c.attemptToken());
        if (refused.isPresent()) {
            return refused.get();
        }
        Task task = current.get();
        Task next = c.retryable() ? retryOrDeadLetter(task, c.error(), true, nowMillis)
                : task.released(TaskState.FAILED, task.readyAtMillis(), Optional.of(c.error()), nowMillis);
        tasks.put(next);
        return new SchedulerResult.Failed(c.taskId(), c.attemptToken(), next.state(), next.readyAtMillis());
    }

    /**
     * Take held tasks back: PENDING again (after backoff when {@code backoff}, at once when the member, not the
     * task, is to blame) or DEAD_LETTERED once the attempts are used up.
     */
    private SchedulerResult release(List<Task> held, String reason, boolean backoff, long nowMillis) {
        List<SchedulerResult.ReleasedTask> out = new ArrayList<>();
        for (Task task : held) {
            Task next = retryOrDeadLetter(task, reason, backoff, nowMillis);
            tasks.put(next);
            out.add(new SchedulerResult.ReleasedTask(task.id(), task.attemptToken(), task.assignee().orElseThrow(),
                    next.state()));
        }
        return new SchedulerResult.Released(out);
    }

    private static Task retryOrDeadLetter(Task task, String reason, boolean backoff, long nowMillis) {
        RetryPolicy retry = task.spec().retry();
        if (task.attempts() >= retry.maxAttempts()) {
            return task.released(TaskState.DEAD_LETTERED, task.readyAtMillis(),
                    Optional.of(reason + "; " + task.attempts() + " of " + retry.maxAttempts() + " attempts used"),
                    nowMillis);
        }
        long readyAt = backoff ? Task.saturatedAdd(nowMillis, retry.backoffMillis(task.attempts())) : nowMillis;
        return task.released(TaskState.PENDING, readyAt, Optional.of(reason), nowMillis);
    }

    /** Fencing: only the current attempt of a held task may report. */
    private static Optional<SchedulerResult.Rejected> checkAttempt(Optional<Task> current, String id, long token) {
        if (current.isEmpty()) {
            return Optional.of(rejected(SchedulerViolation.NOT_FOUND, "no task " + id));
        }
        Task task = current.get();
        if (!task.state().isHeld() || task.attemptToken() != token) {
            return Optional.of(rejected(SchedulerViolation.STALE_ATTEMPT, "attempt " + token + " of task " + id
                    + " is not current (task is " + task.state() + ", current attempt " + task.attemptToken() + ")"));
        }
        return Optional.empty();
    }

    private static SchedulerResult.Rejected rejected(SchedulerViolation violation, String message) {
        return new SchedulerResult.Rejected(violation, message);
    }

    // ---- snapshot support ----

    SchedulerImage image() {
        return new SchedulerImage(List.copyOf(members.values()), List.copyOf(tasks.all()));
    }

    /** Replace the whole state; the image was fully decoded and checked by the caller. */
    void load(SchedulerImage image) {
        members.clear();
        tasks.clear();
        image.members().forEach(m -> members.put(m.name(), m));
        image.tasks().forEach(tasks::put);
    }
}
