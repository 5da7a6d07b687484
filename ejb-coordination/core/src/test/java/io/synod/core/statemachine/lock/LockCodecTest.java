package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.CodecFuzz;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockCodecTest {

    static final LockHolder HOLDER = new LockHolder("s-1", "lease-1", 42, 3, true, 1_000);

    static final List<LockCommand> COMMANDS = List.of(
            new LockCommand.Acquire("orders/42", "s-1", "lease-1", false, 0),
            new LockCommand.Acquire("a", "сессия", "l", true, LockCommand.WAIT_FOREVER),
            LockCommand.Acquire.tryFor("x", "s", "l", Duration.ofSeconds(3)),
            new LockCommand.Release("orders/42", "lease-1"),
            new LockCommand.ExpireWaiters(),
            new LockCommand.CheckFence("orders/42", 42));

    static final List<LockResult> RESULTS = List.of(
            new LockResult.Granted("x", 42, 1, 1_000),
            new LockResult.Queued("x", 3),
            new LockResult.Busy("x"),
            new LockResult.Released("x", 2, Optional.empty()),
            new LockResult.Released("x", 0, Optional.of(HOLDER)),
            new LockResult.WaitCancelled("x"),
            new LockResult.WaitersExpired(4, 1),
            new LockResult.Fence(new FenceCheck("x", 7, 9, FenceCheck.Verdict.SUPERSEDED)),
            new LockResult.Fence(new FenceCheck("x", 1, 0, FenceCheck.Verdict.UNKNOWN)),
            new LockResult.Rejected(LockViolation.NOT_HOLDER, "lease l neither holds nor waits for x"));

    @Test
    void commands_and_results_round_trip() throws CodecException {
        for (LockCommand c : COMMANDS) {
            assertThat(LockCommandCodec.decode(LockCommandCodec.encode(c))).isEqualTo(c);
        }
        for (LockResult r : RESULTS) {
            assertThat(LockResultCodec.decode(LockResultCodec.encode(r))).isEqualTo(r);
        }
    }

    @Test
    void malformed_input_is_a_codec_exception() {
        byte[] acquire = LockCommandCodec.encode(COMMANDS.get(0));
        assertThatThrownBy(() -> LockCommandCodec.decode(new byte[0])).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> LockCommandCodec.decode(new byte[] {9, 1})).isInstanceOf(CodecException.class)
                .hasMessageContaining("unsupported version 9");
        assertThatThrownBy(() -> LockCommandCodec.decode(new byte[] {1, 77})).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown tag 77");
        assertThatThrownBy(() -> LockCommandCodec.decode(Arrays.copyOf(acquire, acquire.length - 1)))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> LockCommandCodec.decode(Arrays.copyOf(acquire, acquire.length + 2)))
                .isInstanceOf(CodecException.class).hasMessageContaining("trailing");
        byte[] fence = LockResultCodec.encode(RESULTS.get(7));
        fence[fence.length - 1] = 9;
        assertThatThrownBy(() -> LockResultCodec.decode(fence)).isInstanceOf(CodecException.class)
                .hasMessageContaining("verdict");
        byte[] boolByte = LockCommandCodec.encode(COMMANDS.get(0));
        boolByte[boolByte.length - 9] = 2; // the reentrant flag
        assertThatThrownBy(() -> LockCommandCodec.decode(boolByte)).isInstanceOf(CodecException.class)
                .hasMessageContaining("reentrant");
    }

    @Test
    void decoders_survive_fuzzing() {
        assertThat(CodecFuzz.run(21, 20_000, COMMANDS.stream().map(LockCommandCodec::encode).toList(),
                LockCommandCodec::decode, LockCommandCodec::encode)).isPositive();
        assertThat(CodecFuzz.run(22, 20_000, RESULTS.stream().map(LockResultCodec::encode).toList(),
                LockResultCodec::decode, LockResultCodec::encode)).isPositive();
    }

    @Test
    void snapshot_restore_gives_the_same_table_and_the_same_bytes() throws CodecException {
        LockGroup g = populated();
        byte[] image = g.locks.snapshot();

        LockGroup copy = new LockGroup(LockLimits.DEFAULT.withLockDelay(Duration.ofMillis(500)));
        copy.sessions.restore(g.sessions.snapshot());
        copy.locks.restore(image);

        assertThat(copy.locks.snapshot()).isEqualTo(image);
        assertThat(copy.view().locks()).isEqualTo(g.view().locks());
        assertThat(copy.locks.lastApplied()).isEqualTo(g.locks.lastApplied());
    }

    @Test
    void a_snapshot_breaking_an_invariant_is_refused_and_the_old_state_kept() throws CodecException {
        LockGroup target = populated();
        byte[] before = target.locks.snapshot();
        LockInfo ok = new LockInfo("a", Optional.empty(), List.of(), 5, OptionalLong.empty());
        LockInfo b = new LockInfo("b", Optional.empty(), List.of(), 5, OptionalLong.empty());
        LockWaiter w = new LockWaiter("s", "lease-1", false, 0, 10);

        byte[] unordered = LockSnapshotCodec.encode(1, List.of(b, ok));
        byte[] twice = LockSnapshotCodec.encode(1, List.of(
                new LockInfo("a", Optional.of(HOLDER), List.of(w), 42, OptionalLong.empty())));
        byte[] zeroToken = LockSnapshotCodec.encode(1, List.of(ok));
        zeroToken[1 + 8 + 4 + 4 + 1 + 7] = 0; // newestToken 5 -> 0: tokens start at 1

        assertThatThrownBy(() -> target.locks.restore(unordered)).isInstanceOf(CodecException.class)
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> target.locks.restore(twice)).isInstanceOf(CodecException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> target.locks.restore(zeroToken)).isInstanceOf(CodecException.class)
                .hasMessageContaining("newestToken");
        assertThat(target.locks.snapshot()).isEqualTo(before);
        assertThat(CodecFuzz.run(23, 20_000, List.of(before), LockSnapshotCodec::decode,
                d -> LockSnapshotCodec.encode(d.lastApplied(), d.locks()))).isPositive();
    }

    private static LockGroup populated() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT.withLockDelay(Duration.ofMillis(500)));
        g.at(0).open("s1", 1_000);
        g.open("s2", 60_000);
        g.acquireReentrant("a", "s1", "A");
        g.acquireReentrant("a", "s1", "A");
        g.tryAcquire("a", "s2", "B", 900);
        g.acquire("b", "s1", "C");
        g.acquire("c", "s2", "D");
        g.at(1_000).expire("s1");   // b is now in lock-delay; a goes to B
        return g;
    }
}
