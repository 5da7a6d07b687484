package io.synod.core.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads what {@link WireWriter} wrote, treating the input as untrusted: every length is checked against both an
 * explicit maximum and the bytes actually left, so a forged length can neither over-allocate nor read past the
 * end. Every failure is a {@link CodecException} naming the field.
 */
public final class WireReader {

    private final ByteBuffer buffer;

    public WireReader(byte[] data) {
        this.buffer = ByteBuffer.wrap(Objects.requireNonNull(data, "data"));
    }

    public int remaining() {
        return buffer.remaining();
    }

    /** An unsigned byte, 0..255. */
    public int readByte(String field) throws CodecException {
        need(1, field);
        return buffer.get() & 0xFF;
    }

    /** Only 0 and 1 are booleans; anything else is corruption, not "true". */
    public boolean readBoolean(String field) throws CodecException {
        int b = readByte(field);
        if (b > 1) {
            throw new CodecException(field + ": boolean byte must be 0 or 1, got " + b);
        }
        return b == 1;
    }

    public int readInt(String field) throws CodecException {
        need(4, field);
        return buffer.getInt();
    }

    public long readLong(String field) throws CodecException {
        need(8, field);
        return buffer.getLong();
    }

    public long readLongAtLeast(String field, long min) throws CodecException {
        long v = readLong(field);
        if (v < min) {
            throw new CodecException(field + ": must be >= " + min + ", got " + v);
        }
        return v;
    }

    /**
     * The element count of a list that follows. Beyond {@code max}, each element is assumed to take at least
     * {@code minElementBytes}, so a count larger than the remaining input can allow is rejected before anything
     * is allocated.
     */
    public int readCount(String field, int max, int minElementBytes) throws CodecException {
        int n = readInt(field);
        if (n < 0 || n > max) {
            throw new CodecException(field + ": count must be in 0.." + max + ", got " + n);
        }
        if ((long) n * Math.max(1, minElementBytes) > buffer.remaining()) {
            throw new CodecException(field + ": count " + n + " exceeds the " + buffer.remaining() + " bytes left");
        }
        return n;
    }

    public byte[] readBytes(String field, int maxLength) throws CodecException {
        int n = readInt(field + ".length");
        if (n < 0 || n > maxLength) {
            throw new CodecException(field + ": length must be in 0.." + maxLength + ", got " + n);
        }
        need(n, field);
        byte[] out = new byte[n];
        buffer.get(out);
        return out;
    }

    /** A strict UTF-8 string: malformed sequences are rejected rather than silently replaced. */
    public String readString(String field, int maxBytes) throws CodecException {
        byte[] raw = readBytes(field, maxBytes);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(raw));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CodecException(field + ": not valid UTF-8");
        }
    }

    /** The leading version byte of a format; an unknown version is refused rather than guessed at. */
    public void expectVersion(int expected, String format) throws CodecException {
        int v = readByte(format + ".version");
        if (v != expected) {
            throw new CodecException(format + ": unsupported version " + v + " (this build reads " + expected + ")");
        }
    }

    /** Trailing bytes mean the writer and reader disagree on the format: treat as corruption. */
    public void expectEnd(String format) throws CodecException {
        if (buffer.hasRemaining()) {
            throw new CodecException(format + ": " + buffer.remaining() + " unexpected trailing bytes");
        }
    }

    private void need(int n, String field) throws CodecException {
        if (buffer.remaining() < n) {
            throw new CodecException(field + ": truncated (need " + n + " bytes, " + buffer.remaining() + " left)");
        }
    }
}
