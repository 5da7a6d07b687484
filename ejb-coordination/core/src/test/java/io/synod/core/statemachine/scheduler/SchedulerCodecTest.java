package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static io.synod.core.statemachine.scheduler.Sched.M1;
import static io.synod.core.statemachine.scheduler.Sched.M2;
import static io.synod.core.statemachine.scheduler.Sched.b;
import static io.synod.core.statemachine.scheduler.Sched.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerCodecTest {

    static final List<SchedulerCommand> EVERY_COMMAND = List.of(
            new SchedulerCommand.Submit(spec("a/1").withPriority(7).withDelay(5).withCron("*/5 * * * *")
                    .withRetry(new RetryPolicy(4, 10, 80)).withTimeout(99).withAffinity(M2)),
            new SchedulerCommand.Submit(spec("plain")),
            new SchedulerCommand.Cancel("a/1"),
            new SchedulerCommand.Assign(17),
            new SchedulerCommand.Started("a/1", 3),
            new SchedulerCommand.Renew("a/1", 3),
            new SchedulerCommand.Complete("a/1", 3, b("result")),
            new SchedulerCommand.Fail("a/1", 3, "boom – ünïcode", true),
            new SchedulerCommand.ExpireLeases(),
            new SchedulerCommand.Purge(60_000, 100),
            new SchedulerCommand.MemberUp(M1, 8, List.of("b", "a")),
            new SchedulerCommand.MemberDown(M1, true));

    static final List<SchedulerResult> EVERY_RESULT = List.of(
            new SchedulerResult.Submitted("a", 5),
            new SchedulerResult.Cancelled("a", TaskState.RUNNING),
            new SchedulerResult.Assigned(List.of(new Assignment("a", M1, 9, 2, 17, 100),
                    new Assignment("b", M2, 9, 1, 3, 100))),
            new SchedulerResult.LeaseRenewed("a", 9, 1234),
            new SchedulerResult.Completed("a", 9, OptionalLong.of(60_000)),
            new SchedulerResult.Completed("a", 9, OptionalLong.empty()),
            new SchedulerResult.Failed("a", 9, TaskState.DEAD_LETTERED, 7),
            new SchedulerResult.Released(List.of(new SchedulerResult.ReleasedTask("a", 9, M1, TaskState.PENDING))),
            new SchedulerResult.MemberRegistered(M2, 4),
            new SchedulerResult.Purged(List.of("a", "b")),
            new SchedulerResult.Rejected(SchedulerViolation.STALE_ATTEMPT, "old"));

    @Test
    void every_command_and_result_round_trips() throws CodecException {
        for (SchedulerCommand c : EVERY_COMMAND) {
            assertThat(SchedulerCommandCodec.decode(SchedulerCommandCodec.encode(c))).isEqualTo(c);
        }
        for (SchedulerResult r : EVERY_RESULT) {
            assertThat(SchedulerResultCodec.decode(SchedulerResultCodec.encode(r))).isEqualTo(r);
        }
    }

    @Test
    void truncated_extended_or_unknown_bytes_are_codec_errors() {
        for (SchedulerCommand c : EVERY_COMMAND) {
            byte[] bytes = SchedulerCommandCodec.encode(c);
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
                assertThatThrownBy(() -> SchedulerCommandCodec.decode(truncated)).isInstanceOf(CodecException.class);
            }
            byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            assertThatThrownBy(() -> SchedulerCommandCodec.decode(longer)).isInstanceOf(CodecException.class);
        }
        assertThatThrownBy(() -> SchedulerCommandCodec.decode(new byte[] {1, 99})).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> SchedulerCommandCodec.decode(new byte[] {2, 1})).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> SchedulerResultCodec.decode(new byte[] {1, 9, 99})).isInstanceOf(CodecException.class);
    }

    @Test
    void a_payload_that_does_not_decode_is_a_malformed_command_result_and_changes_nothing() throws CodecException {
        SchedulerStateMachine machine = new SchedulerStateMachine(SchedulerLimits.DEFAULT);
        byte[] before = machine.snapshot();
        CommandEnvelope envelope = new CommandEnvelope(ClientId.of("c"), 1, 10, ServiceId.SCHEDULER,
                new byte[] {1, 1, 0});
        SchedulerResult r = SchedulerResultCodec.decode(machine.apply(new AppliedCommand(1, 10, envelope)));
        assertThat(((SchedulerResult.Rejected) r).violation()).isEqualTo(SchedulerViolation.MALFORMED_COMMAND);
        assertThat(machine.service()).isEqualTo(ServiceId.SCHEDULER);
        assertThat(machine.lastApplied()).isEqualTo(1);
        assertThat(java.util.Arrays.copyOfRange(machine.snapshot(), 9, before.length))
                .isEqualTo(java.util.Arrays.copyOfRange(before, 9, before.length)); // only lastApplied moved
    }

    @Test
    void snapshots_are_byte_identical_for_equal_histories_and_restore_exactly() throws CodecException {
        SchedulerStateMachine a = new SchedulerStateMachine(SchedulerLimits.DEFAULT);
        SchedulerStateMachine b = new SchedulerStateMachine(SchedulerLimits.DEFAULT);
        List<SchedulerCommand> history = List.of(
                new SchedulerCommand.MemberUp(M2, 2, List.of(Sched.HANDLER, "other")),
                new SchedulerCommand.MemberUp(M1, 2, List.of(Sched.HANDLER)),
                new SchedulerCommand.Submit(spec("z").withPriority(3)),
                new SchedulerCommand.Submit(spec("y").withCron("* * * * *")),
                new SchedulerCommand.Submit(spec("x").withDelay(1_000_000)),
                new SchedulerCommand.Assign(10),
                new SchedulerCommand.Fail("z", 6, "boom", true),
                new SchedulerCommand.Submit(spec("w")),
                new SchedulerCommand.Assign(10));
        long time = 1_700_000_000_000L;
        for (int i = 0; i < history.size(); i++) {
            time += 61_000;
            for (SchedulerStateMachine m : List.of(a, b)) {
                CommandEnvelope e = new CommandEnvelope(ClientId.of("c"), i + 1, time, ServiceId.SCHEDULER,
                        SchedulerCommandCodec.encode(history.get(i)));
                m.apply(new AppliedCommand(i + 1, time, e));
            }
        }
        byte[] snapshot = a.snapshot();
        assertThat(b.snapshot()).isEqualTo(snapshot);
        assertThat(a.view().list(TaskQuery.all(10))).hasSize(4);

        SchedulerStateMachine restored = new SchedulerStateMachine(SchedulerLimits.DEFAULT);
        restored.restore(snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(restored.lastApplied()).isEqualTo(history.size());
        assertThat(restored.view().list(TaskQuery.all(10))).isEqualTo(a.view().list(TaskQuery.all(10)));
        assertThat(restored.view().runningPerMember()).isEqualTo(a.view().runningPerMember());
        assertThat(restored.view().readyQueue(time, 10)).isEqualTo(a.view().readyQueue(time, 10));
    }

    @Test
    void a_corrupt_snapshot_is_refused_and_the_state_kept() {
        SchedulerStateMachine machine = new SchedulerStateMachine(SchedulerLimits.DEFAULT);
        machine.store().apply(new SchedulerCommand.MemberUp(M1, 2, List.of(Sched.HANDLER)), 1, 5);
        machine.store().apply(new SchedulerCommand.Submit(spec("a")), 2, 5);
        machine.store().apply(new SchedulerCommand.Submit(spec("b")), 3, 5);
        byte[] good = machine.snapshot();
        for (int cut = 0; cut < good.length; cut += 7) {
            byte[] truncated = java.util.Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> machine.restore(truncated)).isInstanceOf(CodecException.class);
        }
        // Tasks out of order: swap "a" and "b" by renaming the first one to "c".
        byte[] reordered = good.clone();
        int at = indexOf(reordered, b("payload-a")) - 4 - 12 - 4 - 1; // back over handler to the id "a"
        assertThat(reordered[at]).isEqualTo((byte) 'a');
        reordered[at] = 'c';
        assertThatThrownBy(() -> machine.restore(reordered)).isInstanceOf(CodecException.class)
                .hasMessageContaining("ascending");
        assertThat(machine.snapshot()).isEqualTo(good);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
