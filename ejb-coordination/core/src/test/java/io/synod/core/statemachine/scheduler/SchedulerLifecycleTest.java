package io.synod.core.statemachine.scheduler;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.synod.core.statemachine.scheduler.Sched.M1;
import static io.synod.core.statemachine.scheduler.Sched.M2;
import static io.synod.core.statemachine.scheduler.Sched.b;
import static io.synod.core.statemachine.scheduler.Sched.spec;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulerLifecycleTest {

    private static SchedulerViolation violation(SchedulerResult r) {
        return ((SchedulerResult.Rejected) r).violation();
    }

    @Test
    void a_task_runs_pending_assigned_running_succeeded_and_keeps_its_result() {
        Sched s = new Sched().up(M1, 4);
        assertThat(s.submit(spec("t1"))).isEqualTo(new SchedulerResult.Submitted("t1", s.now));
        assertThat(s.state("t1")).isEqualTo(TaskState.PENDING);

        List<Assignment> assigned = s.assign();
        long token = s.index; // the assign entry's log index
        assertThat(assigned).containsExactly(new Assignment("t1", M1, token, 1, 0, s.now + 15_000));
        assertThat(s.state("t1")).isEqualTo(TaskState.ASSIGNED);

        s.advance(100);
        assertThat(s.apply(new SchedulerCommand.Started("t1", token)))
                .isEqualTo(new SchedulerResult.LeaseRenewed("t1", token, s.now + 15_000));
        assertThat(s.state("t1")).isEqualTo(TaskState.RUNNING);
        assertThat(s.store.view().runningPerMember()).containsEntry(M1, 1);

        assertThat(s.apply(new SchedulerCommand.Complete("t1", token, b("ok"))))
                .isEqualTo(new SchedulerResult.Completed("t1", token, OptionalLong.empty()));
        assertThat(s.state("t1")).isEqualTo(TaskState.SUCCEEDED);
        assertThat(s.store.view().result("t1")).hasValueSatisfying(r -> assertThat(r).isEqualTo(b("ok")));
        assertThat(s.store.view().runningPerMember()).containsEntry(M1, 0);
        // A second report for the same attempt is not a second completion.
        assertThat(violation(s.apply(new SchedulerCommand.Complete("t1", token, b("again")))))
                .isEqualTo(SchedulerViolation.STALE_ATTEMPT);
        assertThat(s.store.view().result("t1")).hasValueSatisfying(r -> assertThat(r).isEqualTo(b("ok")));
    }

    @Test
    void nothing_is_assigned_before_its_not_before_time_in_leader_time() {
        Sched s = new Sched().up(M1, 4);
        assertThat(s.submit(spec("t1").withDelay(5_000))).isEqualTo(new SchedulerResult.Submitted("t1", s.now + 5_000));
        s.advance(4_999);
        assertThat(s.assign()).isEmpty();
        s.advance(1);
        assertThat(s.assign()).extracting(Assignment::taskId).containsExactly("t1");
    }

    @Test
    void retryable_failures_back_off_exponentially_then_dead_letter() {
        Sched s = new Sched().up(M1, 4);
        s.submit(spec("t1").withRetry(new RetryPolicy(3, 1_000, 1_500)));
        long t1 = s.assign().get(0).attemptToken();
        assertThat(s.apply(new SchedulerCommand.Fail("t1", t1, "boom", true)))
                .isEqualTo(new SchedulerResult.Failed("t1", t1, TaskState.PENDING, s.now + 1_000));
        s.advance(999);
        assertThat(s.assign()).isEmpty();
        s.advance(1);
        long t2 = s.assign().get(0).attemptToken();
        assertThat(t2).isGreaterThan(t1);
        assertThat(s.apply(new SchedulerCommand.Fail("t1", t2, "boom", true)))
                .isEqualTo(new SchedulerResult.Failed("t1", t2, TaskState.PENDING, s.now + 1_500)); // capped
        s.advance(1_500);
        Assignment third = s.assign().get(0);
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(((SchedulerResult.Failed) s.apply(new SchedulerCommand.Fail("t1", third.attemptToken(), "boom",
                true))).now()).isEqualTo(TaskState.DEAD_LETTERED);
        assertThat(s.store.view().deadLetters(Optional.empty(), 10)).extracting(Task::id).containsExactly("t1");
        assertThat(s.task("t1").lastError()).hasValueSatisfying(e -> assertThat(e).contains("boom"));
    }

    @Test
    void a_non_retryable_failure_ends_the_task_as_failed() {
        Sched s = new Sched().up(M1, 4);
        s.submit(spec("t1"));
        long token = s.assign().get(0).attemptToken();
        s.apply(new SchedulerCommand.Fail("t1", token, "bad input", false));
        assertThat(s.state("t1")).isEqualTo(TaskState.FAILED);
        assertThat(s.assign()).isEmpty();
    }

    @Test
    void a_lapsed_lease_puts_the_task_back_and_fences_the_old_attempt() {
        Sched s = new Sched().up(M1, 4).up(M2, 4);
        s.submit(spec("t1").withRetry(new RetryPolicy(3, 0, 0)));
        Assignment first = s.assign().get(0);
        s.advance(10_000);
        assertThat(s.apply(new SchedulerCommand.Renew("t1", first.attemptToken())))
                .isEqualTo(new SchedulerResult.LeaseRenewed("t1", first.attemptToken(), s.now + 15_000));
        s.advance(14_999);
        assertThat(((SchedulerResult.Released) s.apply(new SchedulerCommand.ExpireLeases())).tasks()).isEmpty();
        s.advance(1);
        assertThat(((SchedulerResult.Released) s.apply(new SchedulerCommand.ExpireLeases())).tasks())
                .containsExactly(new SchedulerResult.ReleasedTask("t1", first.attemptToken(), first.member(),
                        TaskState.PENDING));
        Assignment second = s.assign().get(0);
        assertThat(second.attempt()).isEqualTo(2);
        // The first worker wakes up and reports: fenced off by its token.
        assertThat(violation(s.apply(new SchedulerCommand.Complete("t1", first.attemptToken(), b("late")))))
                .isEqualTo(SchedulerViolation.STALE_ATTEMPT);
        assertThat(s.apply(new SchedulerCommand.Complete("t1", second.attemptToken(), b("ok"))))
                .isInstanceOf(SchedulerResult.Completed.class);
    }

    @Test
    void renewals_cannot_extend_an_attempt_past_its_timeout() {
        Sched s = new Sched().up(M1, 4);
        s.submit(spec("t1").withTimeout(20_000).withRetry(new RetryPolicy(1, 0, 0)));
        Assignment a = s.assign().get(0);
        s.advance(10_000);
        assertThat(((SchedulerResult.LeaseRenewed) s.apply(new SchedulerCommand.Renew("t1", a.attemptToken())))
                .leaseExpiresAtMillis()).isEqualTo(s.now + 10_000); // the deadline, not now + 15 s
        s.advance(10_000);
        s.apply(new SchedulerCommand.ExpireLeases());
        assertThat(s.state("t1")).isEqualTo(TaskState.DEAD_LETTERED); // its only attempt timed out
    }

    @Test
    void a_condemned_member_releases_its_tasks_at_once_to_the_others() {
        Sched s = new Sched().up(M1, 1).up(M2, 1);
        s.submit(spec("a"));
        s.submit(spec("b"));
        List<Assignment> placed = s.assign();
        assertThat(placed).extracting(Assignment::member).containsExactly(M1, M2);
        SchedulerResult.Released released = (SchedulerResult.Released) s.apply(
                new SchedulerCommand.MemberDown(M1, true));
        assertThat(released.tasks()).extracting(SchedulerResult.ReleasedTask::taskId).containsExactly("a");
        assertThat(s.state("a")).isEqualTo(TaskState.PENDING);
        assertThat(s.store.view().members()).extracting(Member::name).containsExactly(M2);
        assertThat(s.assign()).isEmpty(); // m2 is full
        s.apply(new SchedulerCommand.Complete("b", placed.get(1).attemptToken(), b("")));
        assertThat(s.assign()).extracting(Assignment::taskId, Assignment::member)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", M2));
    }

    @Test
    void cancel_stops_a_task_in_any_live_state_and_fences_its_worker() {
        Sched s = new Sched().up(M1, 4);
        s.submit(spec("p"));
        s.submit(spec("r").withPriority(5));
        long token = s.assign().stream().filter(a -> a.taskId().equals("r")).findFirst().orElseThrow()
                .attemptToken();
        s.submit(spec("q").withDelay(60_000));
        assertThat(s.apply(new SchedulerCommand.Cancel("r"))).isEqualTo(
                new SchedulerResult.Cancelled("r", TaskState.ASSIGNED));
        assertThat(s.apply(new SchedulerCommand.Cancel("q"))).isEqualTo(
                new SchedulerResult.Cancelled("q", TaskState.PENDING));
        assertThat(violation(s.apply(new SchedulerCommand.Complete("r", token, b("x")))))
                .isEqualTo(SchedulerViolation.STALE_ATTEMPT);
        assertThat(violation(s.apply(new SchedulerCommand.Cancel("r")))).isEqualTo(SchedulerViolation.NOT_CANCELLABLE);
        assertThat(violation(s.apply(new SchedulerCommand.Cancel("nope")))).isEqualTo(SchedulerViolation.NOT_FOUND);
        assertThat(s.store.view().runningPerMember()).containsEntry(M1, 1); // only "p"
    }

    @Test
    void a_cron_task_schedules_its_next_occurrence_on_completion() {
        Sched s = new Sched().up(M1, 4).at(1_700_000_000_000L); // 2023-11-14T22:13:20Z
        assertThat(s.submit(spec("c").withCron("*/5 * * * *")))
                .isEqualTo(new SchedulerResult.Submitted("c", 1_700_000_100_000L)); // 22:15:00Z
        s.at(1_700_000_100_000L);
        long token = s.assign().get(0).attemptToken();
        s.advance(42_000);
        assertThat(s.apply(new SchedulerCommand.Complete("c", token, b("run 1"))))
                .isEqualTo(new SchedulerResult.Completed("c", token, OptionalLong.of(1_700_000_400_000L)));
        Task t = s.task("c");
        assertThat(t.state()).isEqualTo(TaskState.PENDING);
        assertThat(t.readyAtMillis()).isEqualTo(1_700_000_400_000L); // 22:20:00Z
        assertThat(t.completions()).isEqualTo(1);
        assertThat(t.attempts()).isZero();
        assertThat(s.store.view().result("c")).hasValueSatisfying(r -> assertThat(r).isEqualTo(b("run 1")));
        assertThat(s.assign()).isEmpty();
    }

    @Test
    void purge_forgets_only_final_tasks_older_than_the_retention_and_frees_their_ids() {
        Sched s = new Sched().up(M1, 4);
        s.submit(spec("done"));
        s.submit(spec("waiting").withDelay(1_000_000));
        s.submit(spec("cancelled"));
        s.apply(new SchedulerCommand.Cancel("cancelled"));
        long token = s.assign().get(0).attemptToken();
        s.apply(new SchedulerCommand.Complete("done", token, b("r")));
        assertThat(s.store.view().nextReadyAt()).contains(s.now + 1_000_000);
        s.advance(59_999);
        assertThat(s.apply(new SchedulerCommand.Purge(60_000, 10))).isEqualTo(new SchedulerResult.Purged(List.of()));
        s.advance(1);
        assertThat(s.apply(new SchedulerCommand.Purge(60_000, 10)))
                .isEqualTo(new SchedulerResult.Purged(List.of("cancelled", "done")));
        assertThat(s.store.view().list(TaskQuery.all(10))).extracting(Task::id).containsExactly("waiting");
        assertThat(s.submit(spec("done"))).isInstanceOf(SchedulerResult.Submitted.class);
    }

    @Test
    void submit_refuses_unknown_handlers_duplicate_ids_and_a_full_table() {
        Sched s = new Sched(SchedulerLimits.DEFAULT.withMaxTasks(1)).up(M1, 4);
        assertThat(violation(s.submit(TaskSpec.of("t", "not-deployed", b(""))))).isEqualTo(
                SchedulerViolation.UNKNOWN_HANDLER);
        assertThat(violation(s.submit(spec("t").withAffinity(M2)))).isEqualTo(SchedulerViolation.UNKNOWN_HANDLER);
        assertThat(s.store.view().size()).isZero();
        s.submit(spec("t"));
        assertThat(violation(s.submit(spec("t")))).isEqualTo(SchedulerViolation.TASK_EXISTS);
        assertThat(violation(s.submit(spec("u")))).isEqualTo(SchedulerViolation.TOO_MANY_TASKS);
    }
}
