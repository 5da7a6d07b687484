package io.synod.core.statemachine.session;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.CodecFuzz;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionCodecTest {

    static final List<SessionCommand> COMMANDS = List.of(
            new SessionCommand.Open("s-1", "payara-instance-1", 15_000),
            new SessionCommand.Open("сессия", "node/ü", Long.MAX_VALUE),
            new SessionCommand.KeepAlive("s-1"),
            new SessionCommand.Close("s-1"),
            new SessionCommand.Expire(List.of("a", "b", "c")));

    static final Session SESSION = new Session("s-1", "inst-1", 15_000, 100, 4_000);

    static final List<SessionResult> RESULTS = List.of(
            new SessionResult.Opened(SESSION),
            new SessionResult.Renewed(SESSION),
            new SessionResult.Closed("s-1"),
            new SessionResult.Expired(List.of()),
            new SessionResult.Expired(List.of("a", "b")),
            new SessionResult.NotFound("x"),
            new SessionResult.Lapsed("x", 19_000),
            new SessionResult.Rejected(SessionViolation.INVALID_TTL, "ttl 0"));

    @Test
    void commands_and_results_round_trip() throws CodecException {
        for (SessionCommand c : COMMANDS) {
            assertThat(SessionCommandCodec.decode(SessionCommandCodec.encode(c))).isEqualTo(c);
        }
        for (SessionResult r : RESULTS) {
            assertThat(SessionResultCodec.decode(SessionResultCodec.encode(r))).isEqualTo(r);
        }
    }

    @Test
    void malformed_input_is_a_codec_exception() {
        byte[] open = SessionCommandCodec.encode(COMMANDS.get(0));
        assertThatThrownBy(() -> SessionCommandCodec.decode(new byte[0])).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> SessionCommandCodec.decode(new byte[] {2, 1})).isInstanceOf(CodecException.class)
                .hasMessageContaining("unsupported version 2");
        assertThatThrownBy(() -> SessionCommandCodec.decode(new byte[] {1, 42})).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown tag 42");
        assertThatThrownBy(() -> SessionCommandCodec.decode(java.util.Arrays.copyOf(open, open.length - 1)))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> SessionCommandCodec.decode(java.util.Arrays.copyOf(open, open.length + 1)))
                .isInstanceOf(CodecException.class).hasMessageContaining("trailing");
        byte[] rejected = SessionResultCodec.encode(RESULTS.get(7));
        rejected[2] = 99;
        assertThatThrownBy(() -> SessionResultCodec.decode(rejected)).isInstanceOf(CodecException.class)
                .hasMessageContaining("violation");
    }

    @Test
    void decoders_survive_fuzzing() {
        assertThat(CodecFuzz.run(11, 20_000, COMMANDS.stream().map(SessionCommandCodec::encode).toList(),
                SessionCommandCodec::decode, SessionCommandCodec::encode)).isPositive();
        assertThat(CodecFuzz.run(12, 20_000, RESULTS.stream().map(SessionResultCodec::encode).toList(),
                SessionResultCodec::decode, SessionResultCodec::encode)).isPositive();
    }

    @Test
    void snapshot_restores_the_same_table_and_the_same_bytes() throws CodecException {
        Sessions s = new Sessions(SessionLimits.DEFAULT);
        s.at(10).open("b", 1_000);
        s.at(20).open("a", 2_000);
        s.at(30).keepAlive("b");
        byte[] image = s.machine.snapshot();

        SessionStateMachine copy = new SessionStateMachine(SessionLimits.DEFAULT);
        copy.restore(image);

        assertThat(copy.snapshot()).isEqualTo(image);
        assertThat(copy.lastApplied()).isEqualTo(3);
        assertThat(copy.view().sessions(100)).isEqualTo(s.view().sessions(100));
    }

    @Test
    void a_corrupt_snapshot_is_refused_and_the_old_state_kept() {
        Sessions s = new Sessions(SessionLimits.DEFAULT);
        s.open("a", 1_000);
        s.open("b", 1_000);
        byte[] good = s.machine.snapshot();
        SessionStateMachine target = new SessionStateMachine(SessionLimits.DEFAULT);
        byte[] swapped = SessionSnapshotCodec.encode(2, List.of(new Session("b", "o", 1, 0, 0),
                new Session("a", "o", 1, 0, 0)));

        assertThatThrownBy(() -> target.restore(swapped)).isInstanceOf(CodecException.class)
                .hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> target.restore(java.util.Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(CodecException.class);
        assertThat(target.view().size()).isZero();
        assertThat(CodecFuzz.run(13, 20_000, List.of(good), SessionSnapshotCodec::decode,
                d -> SessionSnapshotCodec.encode(d.lastApplied(), d.sessions()))).isPositive();
    }
}
