package io.synod.core.log;

import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of one WAL record:
 * <pre>
 *   int32  length   bytes of type + payload (>= 1)
 *   int32  crc      CRC32C over type + payload
 *   byte   type     {@link WalRecord.Entry#TYPE}, {@link WalRecord.SnapshotInstalled#TYPE}
 *   ...    payload
 * </pre>
 * Entry payload: int64 index, int64 term, byte entry type, data (the rest). Snapshot-installed payload:
 * int64 index, int64 term. All big-endian.
 */
final class WalRecordCodec {

    static final int FRAME_HEADER = 8;
    private static final int ENTRY_FIXED = 8 + 8 + 1;
    private static final int SNAPSHOT_INSTALLED_SIZE = 8 + 8;

    private WalRecordCodec() {
    }

    /** Size of {@code record} once framed. */
    static int framedSize(WalRecord record) {
        return FRAME_HEADER + 1 + payloadSize(record);
    }

    /** Frame {@code record} into {@code out} at its position. */
    static void encode(WalRecord record, ByteBuffer out) {
        int start = out.position();
        int bodyLength = 1 + payloadSize(record);
        out.putInt(bodyLength);
        out.putInt(0); // CRC placeholder, filled once the body is in place
        int bodyStart = out.position();
        out.put(record.typeCode());
        if (record instanceof WalRecord.Entry e) {
            LogEntry entry = e.entry();
            out.putLong(entry.index()).putLong(entry.term()).put(entryTypeCode(entry.type())).put(entry.data());
        } else if (record instanceof WalRecord.SnapshotInstalled s) {
            out.putLong(s.index()).putLong(s.term());
        }
        out.putInt(start + 4, crc(out, bodyStart, bodyLength));
    }

    /** Outcome of reading one frame. */
    enum Status {
        /** A well-formed record. */
        OK,
        /** Incomplete frame or CRC mismatch: what a torn write looks like (and what random damage looks like). */
        DAMAGED,
        /** The CRC holds but the content is not a record this version understands: never a torn write. */
        INVALID
    }

    record Decoded(Status status, WalRecord record, int frameLength, String problem) {
        static Decoded damaged(String problem) {
            return new Decoded(Status.DAMAGED, null, 0, problem);
        }

        static Decoded invalid(int frameLength, String problem) {
            return new Decoded(Status.INVALID, null, frameLength, problem);
        }
    }

    /** Read the frame starting at {@code offset}; {@code limit} is the end of valid file data. */
    static Decoded decode(ByteBuffer file, int offset, int limit) {
        int available = limit - offset;
        if (available < FRAME_HEADER) {
            return Decoded.damaged("incomplete record header (" + available + " of " + FRAME_HEADER + " bytes)");
        }
        int bodyLength = file.getInt(offset);
        if (bodyLength < 1) {
            return Decoded.damaged("impossible record length " + bodyLength);
        }
        if (bodyLength > available - FRAME_HEADER) {
            return Decoded.damaged("record length " + bodyLength + " runs past the end of the file ("
                    + (available - FRAME_HEADER) + " bytes left)");
        }
        int storedCrc = file.getInt(offset + 4);
        int bodyStart = offset + FRAME_HEADER;
        if (crc(file, bodyStart, bodyLength) != storedCrc) {
            return Decoded.damaged("CRC mismatch");
        }
        int frameLength = FRAME_HEADER + bodyLength;
        byte type = file.get(bodyStart);
        int payloadStart = bodyStart + 1;
        int payloadLength = bodyLength - 1;
        if (type == WalRecord.Entry.TYPE) {
            if (payloadLength < ENTRY_FIXED) {
                return Decoded.invalid(frameLength, "entry record too short: " + payloadLength + " bytes");
            }
            long index = file.getLong(payloadStart);
            long term = file.getLong(payloadStart + 8);
            EntryType entryType = entryType(file.get(payloadStart + 16));
            if (entryType == null || index < 1 || term < 0) {
                return Decoded.invalid(frameLength, "malformed entry record (index " + index + ", term " + term + ")");
            }
            byte[] data = new byte[payloadLength - ENTRY_FIXED];
            file.get(payloadStart + ENTRY_FIXED, data);
            return new Decoded(Status.OK, new WalRecord.Entry(new LogEntry(index, term, entryType, data)), frameLength, null);
        }
        if (type == WalRecord.SnapshotInstalled.TYPE) {
            if (payloadLength != SNAPSHOT_INSTALLED_SIZE) {
                return Decoded.invalid(frameLength, "snapshot-installed record of " + payloadLength + " bytes");
            }
            long index = file.getLong(payloadStart);
            long term = file.getLong(payloadStart + 8);
            if (index < 0 || term < 0) {
                return Decoded.invalid(frameLength, "malformed snapshot-installed record");
            }
            return new Decoded(Status.OK, new WalRecord.SnapshotInstalled(index, term), frameLength, null);
        }
        return Decoded.invalid(frameLength, "unknown record type " + type);
    }

    private static int payloadSize(WalRecord record) {
        if (record instanceof WalRecord.Entry e) {
            return ENTRY_FIXED + e.entry().data().length;
        }
        return SNAPSHOT_INSTALLED_SIZE;
    }

    static int crc(ByteBuffer buffer, int start, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(start + length).position(start));
        return (int) crc.getValue();
    }

    // Explicit codes, not ordinals: reordering the enum must not change the file format.
    private static byte entryTypeCode(EntryType type) {
        return switch (type) {
            case NORMAL -> 0;
            case CONF_CHANGE -> 1;
        };
    }

    private static EntryType entryType(byte code) {
        return switch (code) {
            case 0 -> EntryType.NORMAL;
            case 1 -> EntryType.CONF_CHANGE;
            default -> null;
        };
    }
}
