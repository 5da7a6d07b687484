package io.synod.core.log;

import io.synod.core.consensus.LogEntry;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The write-ahead log: a directory of segment files, appended in order, rolled at
 * {@link WalOptions#segmentBytes()}.
 *
 * <p><b>Group commit.</b> {@link #append} only writes (into the page cache); {@link #sync} forces once for
 * everything written since the previous force. The shell appends every {@code Ready} it drains and syncs
 * once before sending the messages that depend on them: many appends, one fsync.
 *
 * <p>Rolling forces the segment being sealed, so only the last segment can ever hold unsynced bytes; that
 * is what lets recovery treat damage in any earlier segment as corruption (see {@link SegmentReader}).
 *
 * <p>After any I/O failure the WAL refuses further writes: after a failed fsync the kernel may have
 * dropped the dirty pages, so retrying could report durable what is not. Reopen to recover.
 */
public final class SegmentedWal implements Closeable {

    /** What opening found on disk. */
    public record Recovery(int segmentsRead, long recordsReplayed, Optional<TornTail> tornTail,
                           List<String> tempFilesRemoved) {
    }

    private final Path dir;
    private final WalOptions options;
    private final List<WalSegment.Sealed> sealed;
    private final Recovery recovery;
    private WalSegment current;
    private ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private boolean unsynced;
    private boolean failed;
    private boolean closed;

    private long bytesWritten;
    private long recordsWritten;
    private long syncs;
    private long segmentsRolled;

    private SegmentedWal(Path dir, WalOptions options, List<WalSegment.Sealed> sealed, WalSegment current,
                         Recovery recovery) {
        this.dir = dir;
        this.options = options;
        this.sealed = sealed;
        this.current = current;
        this.recovery = recovery;
    }

    /**
     * Open the WAL for appending without rebuilding a log from it (tools, benchmarks). Torn tails are still
     * cut and corruption still refused; the shell uses {@link DurableLogStorage#open} instead.
     */
    public static SegmentedWal open(Path dir, WalOptions options) throws IOException {
        return open(dir, options, (record, file, offset) -> { });
    }

    /**
     * Open (creating if needed) the WAL in {@code dir}, handing every valid record to {@code replay} in order,
     * cutting off a torn tail and removing temp files left by an interrupted segment creation.
     *
     * @throws CorruptLogException when damage is found anywhere but the tail
     */
    static SegmentedWal open(Path dir, WalOptions options, WalReplay replay) throws IOException {
        Files.createDirectories(dir);
        List<String> tempsRemoved = AtomicFile.removeTempFiles(dir);
        List<Path> files = segmentFiles(dir);
        List<WalSegment.Sealed> sealed = new ArrayList<>();
        WalSegment current = null;
        Optional<TornTail> torn = Optional.empty();
        long records = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            SegmentName name = SegmentName.parse(file).orElseThrow();
            if (i > 0 && name.sequence() != sealed.get(i - 1).name().sequence() + 1) {
                throw new CorruptLogException(file, CorruptLogException.WHOLE_FILE, "segment sequence gap: previous is "
                        + sealed.get(i - 1).name().sequence() + " (a segment file is missing)");
            }
            boolean last = i == files.size() - 1;
            SegmentReader.Result result = SegmentReader.read(file, name, last, replay);
            records += result.records();
            torn = result.tornTail();
            if (!last) {
                sealed.add(new WalSegment.Sealed(file, name, result.maxIndex()));
            } else if (result.validEnd() == 0) {
                // The segment's creation never finished: it holds nothing, start it again.
                Files.delete(file);
                current = WalSegment.create(dir, name);
            } else {
                current = WalSegment.reopen(file, name, result.validEnd(), result.maxIndex(), result.records());
            }
        }
        if (current == null) {
            current = WalSegment.create(dir, new SegmentName(1, 1));
        }
        Recovery recovery = new Recovery(files.size(), records, torn, tempsRemoved);
        return new SegmentedWal(dir, options, sealed, current, recovery);
    }

    /** Write {@code entries} (no fsync). Entries at or below the last written index overwrite that suffix. */
    public void append(List<LogEntry> entries) throws IOException {
        List<WalRecord> records = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            records.add(new WalRecord.Entry(e));
        }
        write(records);
    }

    /** Record that a snapshot at {@code index} replaced the whole log (no fsync). */
    void appendSnapshotInstalled(long index, long term) throws IOException {
        write(List.of(new WalRecord.SnapshotInstalled(index, term)));
    }

    /** Force everything written since the last sync with one {@code FileChannel.force}; no-op if nothing was. */
    public void sync() throws IOException {
        checkWritable();
        if (!unsynced) {
            return;
        }
        try {
            current.force();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        syncs++;
        unsynced = false;
    }

    /** True when bytes were written since the last force. */
    public boolean hasUnsyncedWrites() {
        return unsynced;
    }

    /**
     * Delete the oldest sealed segments whose every record is at or below {@code index} (covered by a
     * snapshot). Only a prefix goes, and never the segment being written. Returns how many were deleted.
     */
    public int compact(long index) throws IOException {
        checkWritable();
        int removed = 0;
        while (!sealed.isEmpty() && sealed.get(0).maxIndex() <= index) {
            Files.delete(sealed.remove(0).path());
            removed++;
        }
        if (removed > 0) {
            AtomicFile.syncDirectory(dir);
        }
        return removed;
    }

    public WalCounters counters() {
        return new WalCounters(bytesWritten, recordsWritten, syncs, segmentsRolled);
    }

    public Recovery recovery() {
        return recovery;
    }

    /** Segment files in replay order. */
    public List<Path> segments() {
        List<Path> out = new ArrayList<>();
        sealed.forEach(s -> out.add(s.path()));
        out.add(current.path());
        return out;
    }

    /** Syncs what is pending, then closes. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (!failed) {
                sync();
            }
        } finally {
            closed = true;
            current.close();
        }
    }

    private void write(List<WalRecord> records) throws IOException {
        checkWritable();
        try {
            scratch.clear();
            long batchMax = Long.MIN_VALUE;
            int batchRecords = 0;
            for (WalRecord record : records) {
                int size = WalRecordCodec.framedSize(record);
                boolean full = current.size() + scratch.position() + size > options.segmentBytes();
                if (full && current.records() + batchRecords > 0) {
                    flush(batchMax, batchRecords);
                    batchMax = Long.MIN_VALUE;
                    batchRecords = 0;
                    roll(SegmentReader.indexOf(record));
                }
                ensureScratch(size);
                WalRecordCodec.encode(record, scratch);
                batchMax = Math.max(batchMax, SegmentReader.indexOf(record));
                batchRecords++;
            }
            flush(batchMax, batchRecords);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void flush(long batchMax, int batchRecords) throws IOException {
        if (batchRecords == 0) {
            return;
        }
        scratch.flip();
        bytesWritten += scratch.remaining();
        current.write(scratch, batchMax, batchRecords);
        recordsWritten += batchRecords;
        unsynced = true;
        scratch.clear();
    }

    private void roll(long nextIndex) throws IOException {
        current.force();
        syncs++;
        unsynced = false;
        sealed.add(current.seal());
        current.close();
        current = WalSegment.create(dir, new SegmentName(current.name().sequence() + 1, nextIndex));
        syncs++;
        bytesWritten += SegmentHeader.SIZE;
        segmentsRolled++;
    }

    private void ensureScratch(int extra) {
        if (scratch.remaining() >= extra) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(scratch.capacity() * 2, scratch.position() + extra));
        scratch.flip();
        bigger.put(scratch);
        scratch = bigger;
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("WAL in " + dir + " is closed");
        }
        if (failed) {
            throw new IllegalStateException("WAL in " + dir + " failed an earlier write or sync; reopen it to recover");
        }
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> SegmentName.parse(p).isPresent())
                    .sorted(Comparator.comparingLong(p -> SegmentName.parse(p).orElseThrow().sequence()))
                    .toList();
        }
    }
}
