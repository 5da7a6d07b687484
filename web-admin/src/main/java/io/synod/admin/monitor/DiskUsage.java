package io.synod.admin.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Bytes a member keeps on disk: its whole data directory, and within it the write-ahead log and the snapshots
 * ({@code <data dir>/raft/wal} and {@code <data dir>/raft/snap}, the layout of the core's durable log).
 */
public record DiskUsage(long dataDirBytes, long walBytes, long snapshotBytes) {

    /** Measures {@code dataDir} now; a file vanishing during the walk (compaction) is simply not counted. */
    public static DiskUsage of(Path dataDir) {
        Path raft = dataDir.resolve("raft");
        return new DiskUsage(bytesUnder(dataDir), bytesUnder(raft.resolve("wal")), bytesUnder(raft.resolve("snap")));
    }

    static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(DiskUsage::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
