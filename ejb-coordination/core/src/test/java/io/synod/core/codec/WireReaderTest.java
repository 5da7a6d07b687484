package io.synod.core.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireReaderTest {

    @Test
    void primitives_round_trip_big_endian() throws CodecException {
        byte[] bytes = new WireWriter(1)
                .writeByte(7).writeByte(255).writeBoolean(true).writeBoolean(false)
                .writeInt(-2).writeLong(Long.MIN_VALUE).writeBytes(new byte[] {1, 2, 3}).writeString("ключ/κ/🔑")
                .toByteArray();
        WireReader in = new WireReader(bytes);

        assertThat(in.readByte("a")).isEqualTo(7);
        assertThat(in.readByte("b")).isEqualTo(255);
        assertThat(in.readBoolean("c")).isTrue();
        assertThat(in.readBoolean("d")).isFalse();
        assertThat(in.readInt("e")).isEqualTo(-2);
        assertThat(in.readLong("f")).isEqualTo(Long.MIN_VALUE);
        assertThat(in.readBytes("g", 3)).containsExactly(1, 2, 3);
        assertThat(in.readString("h", 64)).isEqualTo("ключ/κ/🔑");
        in.expectEnd("test");
    }

    @Test
    void int_is_written_big_endian() {
        assertThat(new WireWriter().writeInt(0x01020304).toByteArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void truncated_input_names_the_field() {
        WireReader in = new WireReader(new byte[] {0, 0, 0});
        assertThatThrownBy(() -> in.readInt("count")).isInstanceOf(CodecException.class).hasMessageContaining("count");
    }

    @Test
    void length_above_the_bound_is_refused_before_allocating() {
        byte[] bytes = new WireWriter().writeInt(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(() -> new WireReader(bytes).readBytes("value", 1024))
                .isInstanceOf(CodecException.class).hasMessageContaining("0..1024");
    }

    @Test
    void negative_length_is_refused() {
        byte[] bytes = new WireWriter().writeInt(-1).toByteArray();
        assertThatThrownBy(() -> new WireReader(bytes).readBytes("value", 1024)).isInstanceOf(CodecException.class);
    }

    @Test
    void length_beyond_remaining_input_is_refused() {
        byte[] bytes = new WireWriter().writeInt(10).writeByte(1).toByteArray();
        assertThatThrownBy(() -> new WireReader(bytes).readBytes("value", 1024))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated");
    }

    @Test
    void count_that_the_remaining_bytes_cannot_hold_is_refused() {
        byte[] bytes = new WireWriter().writeInt(1000).writeLong(0).toByteArray();
        assertThatThrownBy(() -> new WireReader(bytes).readCount("items", 1_000_000, 8))
                .isInstanceOf(CodecException.class).hasMessageContaining("exceeds");
    }

    @Test
    void boolean_other_than_zero_or_one_is_corruption() {
        assertThatThrownBy(() -> new WireReader(new byte[] {2}).readBoolean("flag"))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void malformed_utf8_is_refused_not_replaced() {
        byte[] bytes = new WireWriter().writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).toByteArray();
        assertThatThrownBy(() -> new WireReader(bytes).readString("key", 16))
                .isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void unknown_version_and_trailing_bytes_are_refused() {
        assertThatThrownBy(() -> new WireReader(new byte[] {9}).expectVersion(1, "fmt"))
                .isInstanceOf(CodecException.class).hasMessageContaining("version 9");
        WireReader in = new WireReader(new byte[] {1, 0});
        assertThatThrownBy(() -> in.expectEnd("fmt")).isInstanceOf(CodecException.class);
    }

    @Test
    void long_lower_bound_is_checked() {
        byte[] bytes = new WireWriter().writeLong(-5).toByteArray();
        assertThatThrownBy(() -> new WireReader(bytes).readLongAtLeast("seq", 1)).isInstanceOf(CodecException.class);
    }

    @Test
    void writer_grows_past_its_initial_capacity() {
        WireWriter out = new WireWriter(16);
        byte[] big = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(big);
        assertThat(out.size()).isEqualTo(10_004);
    }
}
