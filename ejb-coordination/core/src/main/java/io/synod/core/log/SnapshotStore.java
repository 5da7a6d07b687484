package io.synod.core.log;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshot files, one per snapshot, named {@code snapshot-<index:20>-<term:20>.snap}:
 * <pre>
 *   int32 magic "SYNS" | byte version | int64 index | int64 term | voters | learners |
 *   int32 data length | data | int32 CRC32C over everything before it
 * </pre>
 * Each is written to a temp name, forced and renamed, so a named snapshot file is always complete unless
 * the disk damaged it later. The newest {@code retain} are kept, so that a damaged newest snapshot can fall
 * back to the one before it (the WAL is compacted no further than the oldest kept snapshot for that reason).
 */
public final class SnapshotStore {

    public static final int DEFAULT_RETAIN = 2;

    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})-(\\d{20})\\.snap");
    private static final int MAGIC = 0x5359_4E53; // "SYNS"
    private static final byte VERSION = 1;

    /** Index and term as the file name states them. */
    private record FileName(long index, long term) {
        static FileName of(Path file) {
            Matcher m = NAME.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a snapshot file name: " + file);
            }
            return new FileName(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
    }

    /** The newest snapshot that passed its checks, and why any newer ones were passed over. */
    public record Loaded(Optional<Snapshot> snapshot, List<String> rejected) {
    }

    private final Path dir;
    private final int retain;

    private SnapshotStore(Path dir, int retain) {
        this.dir = dir;
        this.retain = retain;
    }

    /** Open (creating) the store; temp files from an interrupted save are deleted and returned. */
    static SnapshotStore open(Path dir, int retain, List<String> tempFilesRemoved) throws IOException {
        if (retain < 1) {
            throw new IllegalArgumentException("must retain at least one snapshot, got " + retain);
        }
        Files.createDirectories(dir);
        tempFilesRemoved.addAll(AtomicFile.removeTempFiles(dir));
        return new SnapshotStore(dir, retain);
    }

    /** Write {@code snapshot} durably, then delete all but the newest {@code retain}. */
    public void save(Snapshot snapshot) throws IOException {
        SnapshotMetadata meta = snapshot.metadata();
        ConfState conf = meta.confState();
        int size = 4 + 1 + 8 + 8 + NodeIdCodec.size(conf.voters()) + NodeIdCodec.size(conf.learners())
                + 4 + snapshot.data().length + 4;
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(MAGIC).put(VERSION).putLong(meta.index()).putLong(meta.term());
        NodeIdCodec.write(conf.voters(), buf);
        NodeIdCodec.write(conf.learners(), buf);
        buf.putInt(snapshot.data().length).put(snapshot.data());
        buf.putInt(WalRecordCodec.crc(buf, 0, size - 4));
        AtomicFile.replace(dir.resolve(fileName(meta.index(), meta.term())), buf.flip());
        prune();
    }

    /** Try snapshots newest first; the first that passes its checks wins. */
    public Loaded loadNewest() throws IOException {
        List<String> rejected = new ArrayList<>();
        List<Path> files = snapshotFiles();
        for (int i = files.size() - 1; i >= 0; i--) {
            try {
                return new Loaded(Optional.of(read(files.get(i))), rejected);
            } catch (CorruptLogException e) {
                rejected.add(e.getMessage());
            }
        }
        return new Loaded(Optional.empty(), rejected);
    }

    /** Index of the oldest snapshot file kept, if any (the furthest a damaged newer one could fall back). */
    public Optional<Long> oldestIndex() throws IOException {
        return snapshotFiles().stream().findFirst().map(p -> FileName.of(p).index());
    }

    /** Snapshot files, oldest first. */
    public List<Path> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.<Path>comparingLong(p -> FileName.of(p).index()).thenComparingLong(p -> FileName.of(p).term()))
                    .toList();
        }
    }

    static Snapshot read(Path file) throws IOException {
        ByteBuffer buf = AtomicFile.readFully(file);
        int size = buf.limit();
        if (size < 4 + 1 + 8 + 8 + 4 + 4 + 4 + 4 || buf.getInt(0) != MAGIC) {
            throw new CorruptLogException(file, 0, "not a Synod snapshot file (" + size + " bytes)");
        }
        if (WalRecordCodec.crc(buf, 0, size - 4) != buf.getInt(size - 4)) {
            throw new CorruptLogException(file, size - 4, "snapshot CRC mismatch");
        }
        if (buf.get(4) != VERSION) {
            throw new CorruptLogException(file, 4, "unsupported snapshot version " + buf.get(4));
        }
        try {
            buf.position(5).limit(size - 4);
            long index = buf.getLong();
            long term = buf.getLong();
            ConfState conf = new ConfState(NodeIdCodec.readSet(buf), NodeIdCodec.readSet(buf));
            int length = buf.getInt();
            if (length != buf.remaining()) {
                throw new IllegalArgumentException("data length " + length + " but " + buf.remaining() + " bytes follow");
            }
            byte[] data = new byte[length];
            buf.get(data);
            FileName named = FileName.of(file);
            if (named.index() != index || named.term() != term) {
                throw new IllegalArgumentException("content is index " + index + ", term " + term
                        + " but the file name says " + named.index() + ", " + named.term());
            }
            return new Snapshot(new SnapshotMetadata(index, term, conf), data);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new CorruptLogException(file, 5, "malformed snapshot: " + e.getMessage());
        }
    }

    private void prune() throws IOException {
        List<Path> files = snapshotFiles();
        for (int i = 0; i < files.size() - retain; i++) {
            Files.delete(files.get(i));
        }
        if (files.size() > retain) {
            AtomicFile.syncDirectory(dir);
        }
    }

    static String fileName(long index, long term) {
        return String.format("snapshot-%020d-%020d.snap", index, term);
    }
}
