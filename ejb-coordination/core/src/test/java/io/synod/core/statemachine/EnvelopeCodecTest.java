package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.CodecFuzz;
import io.synod.core.codec.WireWriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCodecTest {

    static final List<CommandEnvelope> SAMPLES = List.of(
            new CommandEnvelope(ClientId.of("c-1"), 1, 0, ServiceId.KV, new byte[0]),
            new CommandEnvelope(ClientId.of("550e8400-e29b-41d4-a716-446655440000"), Long.MAX_VALUE,
                    1_764_000_000_000L, ServiceId.LOCKS, new byte[] {1, 2, 3}),
            new CommandEnvelope(ClientId.of("клиент"), 7, 5, ServiceId.TXN, new byte[1000]));

    @Test
    void round_trips() throws CodecException {
        for (CommandEnvelope e : SAMPLES) {
            assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(e))).isEqualTo(e);
        }
    }

    @Test
    void first_byte_is_the_version() {
        assertThat(EnvelopeCodec.encode(SAMPLES.get(0))[0]).isEqualTo((byte) EnvelopeCodec.VERSION);
    }

    @Test
    void invalid_fields_are_codec_exceptions() {
        byte[] seqZero = new WireWriter().writeByte(1).writeString("c").writeLong(0).writeLong(0).writeByte(1)
                .writeBytes(new byte[0]).toByteArray();
        byte[] negativeTime = new WireWriter().writeByte(1).writeString("c").writeLong(1).writeLong(-1).writeByte(1)
                .writeBytes(new byte[0]).toByteArray();
        byte[] unknownService = new WireWriter().writeByte(1).writeString("c").writeLong(1).writeLong(0)
                .writeByte(99).writeBytes(new byte[0]).toByteArray();
        byte[] blankClient = new WireWriter().writeByte(1).writeString(" ").writeLong(1).writeLong(0).writeByte(1)
                .writeBytes(new byte[0]).toByteArray();
        byte[] longClient = new WireWriter().writeByte(1).writeString("c".repeat(ClientId.MAX_BYTES + 1))
                .writeLong(1).writeLong(0).writeByte(1).writeBytes(new byte[0]).toByteArray();
        for (byte[] bad : List.of(seqZero, negativeTime, unknownService, blankClient, longClient, new byte[0],
                new byte[] {2})) {
            assertThatThrownBy(() -> EnvelopeCodec.decode(bad)).isInstanceOf(CodecException.class);
        }
    }

    @Test
    void client_id_is_validated_on_construction() {
        assertThatThrownBy(() -> ClientId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientId.of("x\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandEnvelope(ClientId.of("c"), 0, 0, ServiceId.KV, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fuzzed_envelopes_decode_or_fail_with_codec_exception() {
        List<byte[]> valid = SAMPLES.stream().map(EnvelopeCodec::encode).toList();
        for (long seed = 1; seed <= 20; seed++) {
            CodecFuzz.run(seed, 2_000, valid, EnvelopeCodec::decode, EnvelopeCodec::encode);
        }
    }
}
