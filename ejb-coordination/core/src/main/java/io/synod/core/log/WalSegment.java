package io.synod.core.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The one segment the WAL appends to. Knows its size and the highest index it holds (for compaction). */
final class WalSegment implements Closeable {

    /** A segment the WAL has rolled past: forced, read-only, deletable once a snapshot covers {@code maxIndex}. */
    record Sealed(Path path, SegmentName name, long maxIndex) {
    }

    private final Path path;
    private final SegmentName name;
    private final FileChannel channel;
    private long size;
    private long maxIndex;
    private long records;

    private WalSegment(Path path, SegmentName name, FileChannel channel, long size, long maxIndex, long records) {
        this.path = path;
        this.name = name;
        this.channel = channel;
        this.size = size;
        this.maxIndex = maxIndex;
        this.records = records;
    }

    /**
     * A new segment appears under its final name only with a complete, forced header (temp file, force,
     * rename, directory force), so a named segment never has a half-written header.
     */
    static WalSegment create(Path dir, SegmentName name) throws IOException {
        Path path = dir.resolve(name.fileName());
        Path temp = dir.resolve(name.fileName() + AtomicFile.TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            AtomicFile.writeFully(ch, new SegmentHeader(name.sequence(), name.firstIndex()).encode(), 0);
            ch.force(true);
        }
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(dir);
        return new WalSegment(path, name, FileChannel.open(path, StandardOpenOption.WRITE), SegmentHeader.SIZE,
                Long.MIN_VALUE, 0);
    }

    /** Reopen the last segment for appending, cutting a torn tail off at {@code validEnd} first. */
    static WalSegment reopen(Path path, SegmentName name, long validEnd, long maxIndex, long records)
            throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            if (channel.size() > validEnd) {
                channel.truncate(validEnd);
                channel.force(true); // the cut must be durable before anything new lands after it
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new WalSegment(path, name, channel, validEnd, maxIndex, records);
    }

    void write(ByteBuffer batch, long batchMaxIndex, int batchRecords) throws IOException {
        int length = batch.remaining();
        AtomicFile.writeFully(channel, batch, size);
        size += length;
        maxIndex = Math.max(maxIndex, batchMaxIndex);
        records += batchRecords;
    }

    void force() throws IOException {
        // Data only: the file's length is the one metadata that matters, and fdatasync covers it.
        channel.force(false);
    }

    Sealed seal() {
        return new Sealed(path, name, maxIndex);
    }

    long size() {
        return size;
    }

    long records() {
        return records;
    }

    SegmentName name() {
        return name;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
