package io.synod.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Appends big-endian primitives to a growable buffer. Writing never fails; the bounds are enforced by the
 * reader, because only the reader faces untrusted input.
 */
public final class WireWriter {

    private byte[] buffer;
    private int size;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public WireWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public WireWriter writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public WireWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** A length-prefixed byte string. */
    public WireWriter writeBytes(byte[] value) {
        Objects.requireNonNull(value, "value");
        writeInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    /** A length-prefixed UTF-8 string. */
    public WireWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalStateException("encoded value exceeds 2 GiB");
        }
        if (needed > buffer.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, buffer.length * 2L));
            buffer = Arrays.copyOf(buffer, grown);
        }
    }
}
