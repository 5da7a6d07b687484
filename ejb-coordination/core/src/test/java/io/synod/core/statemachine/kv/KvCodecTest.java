package io.synod.core.statemachine.kv;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.CodecFuzz;
import io.synod.core.codec.WireWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.synod.core.statemachine.kv.Kv.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvCodecTest {

    static final List<KvCommand> COMMANDS = List.of(
            new KvCommand.Put("a", b("1"), Optional.empty()),
            new KvCommand.Put("κλειδί/🔑", new byte[300], Optional.of(new Ttl(1500))),
            new KvCommand.PutIfAbsent("lock", b(""), Optional.of(new Ttl(1))),
            new KvCommand.CompareAndSet("a", 0, b("x"), Optional.empty()),
            new KvCommand.CompareAndSet("a", Long.MAX_VALUE, b("x"), Optional.of(new Ttl(Long.MAX_VALUE))),
            new KvCommand.CompareValueAndSet("a", b("old"), b("new"), Optional.empty()),
            new KvCommand.Delete("a"),
            new KvCommand.CompareAndDelete("a", 7),
            new KvCommand.DeletePrefix("dir/"),
            new KvCommand.Get("a"),
            new KvCommand.Scan("", Optional.empty(), 10),
            new KvCommand.Scan("p/", Optional.of("p/9"), 1),
            new KvCommand.Expire(),
            new KvCommand.Compact(42));

    static final KeyValue KV = new KeyValue("k", b("v"), 3, 9, 4, OptionalLong.of(12_345));
    static final KeyValue KV2 = new KeyValue("k2", b(""), 1, 1, 1, OptionalLong.empty());

    static final List<KvResult> RESULTS = List.of(
            new KvResult.Put(10, Optional.empty()),
            new KvResult.Put(10, Optional.of(KV)),
            new KvResult.Get(9, Optional.of(KV2)),
            new KvResult.Get(0, Optional.empty()),
            new KvResult.Scan(9, List.of(KV, KV2), true),
            new KvResult.Scan(9, List.of(), false),
            new KvResult.Delete(11, 3),
            new KvResult.CasFailed(11, Optional.of(KV)),
            new KvResult.CasFailed(11, Optional.empty()),
            new KvResult.Expired(12, 2),
            new KvResult.Compacted(12, 5),
            new KvResult.Rejected(KvViolation.VALUE_TOO_LARGE, "value is 2 MiB"));

    @Test
    void every_command_round_trips() throws CodecException {
        for (KvCommand c : COMMANDS) {
            assertThat(KvCommandCodec.decode(KvCommandCodec.encode(c))).isEqualTo(c);
        }
    }

    @Test
    void every_result_round_trips() throws CodecException {
        for (KvResult r : RESULTS) {
            assertThat(KvResultCodec.decode(KvResultCodec.encode(r))).isEqualTo(r);
        }
    }

    @Test
    void encoding_starts_with_the_version_byte() {
        assertThat(KvCommandCodec.encode(new KvCommand.Expire())).containsExactly(KvCommandCodec.VERSION, 10);
    }

    @Test
    void malformed_commands_are_codec_exceptions() {
        assertThatThrownBy(() -> KvCommandCodec.decode(new byte[0])).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> KvCommandCodec.decode(new byte[] {2, 1})).isInstanceOf(CodecException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> KvCommandCodec.decode(new byte[] {1, 99})).isInstanceOf(CodecException.class)
                .hasMessageContaining("tag");
        byte[] negativeTtl = new WireWriter().writeByte(1).writeByte(1).writeString("k").writeBytes(b("v"))
                .writeLong(-5).toByteArray();
        assertThatThrownBy(() -> KvCommandCodec.decode(negativeTtl)).isInstanceOf(CodecException.class);
        byte[] hugeKey = new WireWriter().writeByte(1).writeByte(8).writeInt(KvLimits.HARD_MAX_KEY_BYTES + 1)
                .toByteArray();
        assertThatThrownBy(() -> KvCommandCodec.decode(hugeKey)).isInstanceOf(CodecException.class);
    }

    @Test
    void malformed_results_are_codec_exceptions() {
        byte[] badRevisions = new WireWriter().writeByte(1).writeByte(2).writeLong(1).writeBoolean(true)
                .writeString("k").writeBytes(b("v")).writeLong(5).writeLong(2).writeLong(1).writeBoolean(false)
                .toByteArray();
        assertThatThrownBy(() -> KvResultCodec.decode(badRevisions)).isInstanceOf(CodecException.class)
                .hasMessageContaining("revisions");
        byte[] unknownViolation = new WireWriter().writeByte(1).writeByte(8).writeByte(200).writeString("x")
                .toByteArray();
        assertThatThrownBy(() -> KvResultCodec.decode(unknownViolation)).isInstanceOf(CodecException.class);
        byte[] negativeCount = new WireWriter().writeByte(1).writeByte(4).writeLong(1).writeInt(-1).toByteArray();
        assertThatThrownBy(() -> KvResultCodec.decode(negativeCount)).isInstanceOf(CodecException.class);
    }

    @Test
    void fuzzed_commands_decode_or_fail_with_codec_exception() {
        List<byte[]> valid = COMMANDS.stream().map(KvCommandCodec::encode).toList();
        for (long seed = 1; seed <= 20; seed++) {
            CodecFuzz.run(seed, 2_000, valid, KvCommandCodec::decode, KvCommandCodec::encode);
        }
    }

    @Test
    void fuzzed_results_decode_or_fail_with_codec_exception() {
        List<byte[]> valid = RESULTS.stream().map(KvResultCodec::encode).toList();
        for (long seed = 1; seed <= 20; seed++) {
            CodecFuzz.run(seed, 2_000, valid, KvResultCodec::decode, KvResultCodec::encode);
        }
    }
}
