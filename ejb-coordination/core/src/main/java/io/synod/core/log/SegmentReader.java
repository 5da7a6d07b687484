package io.synod.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one segment file from its header to its last valid record and decides what a bad record means.
 *
 * <p><b>What counts as a torn tail.</b> A record that fails to read at byte offset X (its frame header or
 * body is cut short by the end of the file, its length is impossible, or its CRC does not match) is a torn
 * tail if and only if
 * <ol>
 *   <li>the segment is the last one (older segments were forced before the WAL rolled past them), and</li>
 *   <li>no complete record with a matching CRC starts at any byte offset after X in that file.</li>
 * </ol>
 * Then the file is truncated at X. Anything else is corruption and recovery stops with
 * {@link CorruptLogException} naming the file and X. Rule 2 is what tells "the last write never finished"
 * from "a record in the middle was damaged": after a middle record, intact records still follow. A record
 * whose CRC holds but whose content is not understood is never torn (the bytes are as written).
 * A last segment shorter than its header is a segment whose creation never finished; it is torn as a whole.
 */
final class SegmentReader {

    record Result(long validEnd, long maxIndex, int records, Optional<TornTail> tornTail) {
    }

    private SegmentReader() {
    }

    static Result read(Path file, SegmentName name, boolean last, WalReplay replay) throws IOException {
        ByteBuffer buf = AtomicFile.readFully(file);
        int size = buf.limit();
        if (size < SegmentHeader.SIZE) {
            if (last) {
                return new Result(0, Long.MIN_VALUE, 0,
                        Optional.of(new TornTail(file, 0, size, "segment header incomplete")));
            }
            throw new CorruptLogException(file, 0, "segment shorter than its header (" + size + " bytes)");
        }
        SegmentHeader header = SegmentHeader.decode(buf, file);
        if (header.sequence() != name.sequence() || header.firstIndex() != name.firstIndex()) {
            throw new CorruptLogException(file, 0, "header says sequence " + header.sequence() + ", first index "
                    + header.firstIndex() + " but the file name says " + name.sequence() + ", " + name.firstIndex());
        }
        int offset = SegmentHeader.SIZE;
        long maxIndex = Long.MIN_VALUE;
        int records = 0;
        while (offset < size) {
            WalRecordCodec.Decoded decoded = WalRecordCodec.decode(buf, offset, size);
            switch (decoded.status()) {
                case OK -> {
                    replay.apply(decoded.record(), file, offset);
                    maxIndex = Math.max(maxIndex, indexOf(decoded.record()));
                    records++;
                    offset += decoded.frameLength();
                }
                case INVALID -> throw new CorruptLogException(file, offset, decoded.problem());
                case DAMAGED -> {
                    if (!last) {
                        throw new CorruptLogException(file, offset, decoded.problem() + " in a sealed segment");
                    }
                    if (completeRecordAfter(buf, offset + 1, size)) {
                        throw new CorruptLogException(file, offset, decoded.problem()
                                + "; valid records follow, so this is damage, not a torn tail");
                    }
                    return new Result(offset, maxIndex, records,
                            Optional.of(new TornTail(file, offset, size - offset, decoded.problem())));
                }
            }
        }
        return new Result(offset, maxIndex, records, Optional.empty());
    }

    static long indexOf(WalRecord record) {
        if (record instanceof WalRecord.Entry e) {
            return e.entry().index();
        }
        return ((WalRecord.SnapshotInstalled) record).index();
    }

    /** Resynchronisation scan: does any byte offset from {@code from} on start a complete, CRC-valid record? */
    private static boolean completeRecordAfter(ByteBuffer buf, int from, int size) {
        for (int p = from; p + WalRecordCodec.FRAME_HEADER < size; p++) {
            if (WalRecordCodec.decode(buf, p, size).status() != WalRecordCodec.Status.DAMAGED) {
                return true;
            }
        }
        return false;
    }
}
