package io.synod.core.statemachine.scheduler;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.synod.core.statemachine.scheduler.Sched.M1;
import static io.synod.core.statemachine.scheduler.Sched.b;
import static io.synod.core.statemachine.scheduler.Sched.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every bad request is a typed exception before proposal, and — should it reach the log anyway (another member's
 * settings, an older build) — a typed rejection on apply that leaves the state byte-for-byte unchanged.
 */
class SchedulerValidationTest {

    private static final SchedulerLimits LIMITS = SchedulerLimits.DEFAULT.withMaxPayloadBytes(1024);
    private final SchedulerValidator validator = new SchedulerValidator(LIMITS);

    private record Case(TaskSpec spec, Class<? extends SchedulerValidationException> type,
                        SchedulerViolation violation) {
    }

    private static Stream<Case> badSpecs() {
        Function<String, TaskSpec> ok = Sched::spec;
        return Stream.of(
                new Case(ok.apply(""), InvalidTaskIdException.class, SchedulerViolation.INVALID_TASK_ID),
                new Case(ok.apply("has space"), InvalidTaskIdException.class, SchedulerViolation.INVALID_TASK_ID),
                new Case(ok.apply("x".repeat(129)), InvalidTaskIdException.class, SchedulerViolation.INVALID_TASK_ID),
                new Case(TaskSpec.of("t", "Send_Invoice", b("")), InvalidHandlerException.class,
                        SchedulerViolation.INVALID_HANDLER),
                new Case(TaskSpec.of("t", "", b("")), InvalidHandlerException.class, SchedulerViolation.INVALID_HANDLER),
                new Case(TaskSpec.of("t", "a--b", b("")), InvalidHandlerException.class,
                        SchedulerViolation.INVALID_HANDLER),
                new Case(ok.apply("t").withDelay(-1), InvalidDelayException.class, SchedulerViolation.INVALID_DELAY),
                new Case(ok.apply("t").withDelay(Duration.ofDays(366).toMillis()), InvalidDelayException.class,
                        SchedulerViolation.INVALID_DELAY),
                new Case(ok.apply("t").withCron("every minute"), InvalidCronException.class,
                        SchedulerViolation.INVALID_CRON),
                new Case(TaskSpec.of("t", Sched.HANDLER, new byte[1025]), PayloadTooLargeException.class,
                        SchedulerViolation.PAYLOAD_TOO_LARGE),
                new Case(ok.apply("t").withPriority(-1), InvalidPriorityException.class,
                        SchedulerViolation.INVALID_PRIORITY),
                new Case(ok.apply("t").withPriority(1001), InvalidPriorityException.class,
                        SchedulerViolation.INVALID_PRIORITY),
                new Case(ok.apply("t").withRetry(new RetryPolicy(0, 0, 0)), InvalidRetryException.class,
                        SchedulerViolation.INVALID_RETRY),
                new Case(ok.apply("t").withRetry(new RetryPolicy(101, 0, 0)), InvalidRetryException.class,
                        SchedulerViolation.INVALID_RETRY),
                new Case(ok.apply("t").withRetry(new RetryPolicy(3, 10, 5)), InvalidRetryException.class,
                        SchedulerViolation.INVALID_RETRY),
                new Case(ok.apply("t").withRetry(new RetryPolicy(3, -1, 5)), InvalidRetryException.class,
                        SchedulerViolation.INVALID_RETRY),
                new Case(ok.apply("t").withTimeout(0), InvalidTimeoutException.class,
                        SchedulerViolation.INVALID_TIMEOUT));
    }

    @Test
    void bad_specs_are_typed_errors_before_proposal_and_typed_rejections_on_apply() {
        badSpecs().forEach(c -> {
            assertThatThrownBy(() -> validator.validate(new SchedulerCommand.Submit(c.spec())))
                    .as(c.spec().toString()).isInstanceOf(c.type())
                    .extracting(e -> ((SchedulerValidationException) e).violation()).isEqualTo(c.violation());

            SchedulerStateMachine machine = new SchedulerStateMachine(LIMITS);
            machine.store().apply(new SchedulerCommand.MemberUp(M1, 4, List.of(Sched.HANDLER)), 1, 1_000);
            byte[] before = machine.snapshot();
            SchedulerResult r = machine.store().apply(new SchedulerCommand.Submit(c.spec()), 2, 1_000);
            assertThat(r).as(c.spec().toString()).isInstanceOf(SchedulerResult.Rejected.class);
            assertThat(((SchedulerResult.Rejected) r).violation()).isEqualTo(c.violation());
            assertThat(machine.snapshot()).isEqualTo(before);
        });
    }

    @Test
    void a_cron_expression_that_never_fires_is_rejected_on_apply() {
        Sched s = new Sched().up(M1, 1);
        SchedulerResult r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> s.submit(spec("t").withCron("0 0 30 2 *"))); // 30 February
        assertThat(((SchedulerResult.Rejected) r).violation()).isEqualTo(SchedulerViolation.INVALID_CRON);
        assertThat(s.store.view().size()).isZero();
    }

    @Test
    void bad_worker_reports_and_registrations_are_typed_too() {
        assertThatThrownBy(() -> validator.validate(new SchedulerCommand.Complete("t", 0, b(""))))
                .isInstanceOf(InvalidLimitException.class);
        assertThatThrownBy(() -> validator.validate(new SchedulerCommand.Complete("t", 1, new byte[1024 * 1024 + 1])))
                .isInstanceOf(ResultTooLargeException.class);
        assertThatThrownBy(() -> validator.validate(new SchedulerCommand.Fail("t", 1, "x".repeat(5000), true)))
                .isInstanceOf(ResultTooLargeException.class);
        assertThatThrownBy(() -> validator.validate(new SchedulerCommand.MemberUp(M1, 0, List.of())))
                .isInstanceOf(InvalidMemberException.class);
        assertThatThrownBy(() -> validator.validate(new SchedulerCommand.MemberUp(M1, 1, List.of("Bad Name"))))
                .isInstanceOf(InvalidMemberException.class);
        assertThatThrownBy(() -> validator.validate(new SchedulerCommand.Assign(0)))
                .isInstanceOf(InvalidLimitException.class);
        validator.validate(new SchedulerCommand.Submit(spec("orders/42:invoice").withCron("0 9 * * 1-5")
                .withPriority(1000).withDelay(0).withRetry(new RetryPolicy(100, 0, 86_400_000))));
    }
}
