package io.synod.core.log;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The versioned header at the start of every segment file:
 * <pre>
 *   int32 magic "SYNW" | int16 format version | int16 reserved (0) | int64 sequence | int64 first index |
 *   int32 CRC32C over the preceding 24 bytes
 * </pre>
 * The sequence orders segments; the first index is the index the log expected next when the segment was
 * created (after an overwrite, later records may carry lower indices — the sequence, not the index, is the
 * order of replay).
 */
record SegmentHeader(long sequence, long firstIndex) {

    static final int MAGIC = 0x53594E57; // "SYNW"
    static final short FORMAT_VERSION = 1;
    static final int SIZE = 28;

    ByteBuffer encode() {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        buf.putInt(MAGIC).putShort(FORMAT_VERSION).putShort((short) 0).putLong(sequence).putLong(firstIndex);
        buf.putInt(WalRecordCodec.crc(buf, 0, SIZE - 4));
        return buf.flip();
    }

    /** Decode and check the header at the start of {@code file}, which must hold at least {@link #SIZE} bytes. */
    static SegmentHeader decode(ByteBuffer file, Path path) throws CorruptLogException {
        if (file.getInt(0) != MAGIC) {
            throw new CorruptLogException(path, 0, "not a Synod WAL segment (bad magic)");
        }
        if (WalRecordCodec.crc(file, 0, SIZE - 4) != file.getInt(SIZE - 4)) {
            throw new CorruptLogException(path, 0, "segment header CRC mismatch");
        }
        short version = file.getShort(4);
        if (version != FORMAT_VERSION) {
            throw new CorruptLogException(path, 4, "unsupported WAL format version " + version
                    + " (this build reads version " + FORMAT_VERSION + ")");
        }
        return new SegmentHeader(file.getLong(8), file.getLong(16));
    }
}
