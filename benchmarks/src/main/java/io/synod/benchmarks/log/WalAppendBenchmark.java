package io.synod.benchmarks.log;

import io.synod.core.consensus.LogEntry;
import io.synod.core.log.SegmentedWal;
import io.synod.core.log.WalOptions;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Durable appends per second through {@link SegmentedWal}: append a batch of ~100-byte entries, then one
 * sync (the shell's group commit). The {@code appends} counter is entries/s; the primary score is batches
 * (= fsyncs) per second. {@link #rawWrite100BytesAndForce} is the machine's own ceiling for comparison: the
 * WAL at batch size 1 cannot beat it, and larger batches show how far group commit amortises it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class WalAppendBenchmark {

    static final int ENTRY_BYTES = 100;

    @State(Scope.Thread)
    public static class Wal {

        @Param({"1", "16", "256"})
        public int batchSize;

        Path dir;
        SegmentedWal wal;
        long nextIndex;
        final byte[] payload = new byte[ENTRY_BYTES];

        // A fresh directory per iteration keeps the disk footprint bounded (256-entry batches write fast).
        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = Files.createTempDirectory(BenchmarkDirs.root(), "wal-");
            wal = SegmentedWal.open(dir, WalOptions.DEFAULTS);
            nextIndex = 1;
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            wal.close();
            BenchmarkDirs.delete(dir);
        }

        List<LogEntry> nextBatch() {
            List<LogEntry> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                batch.add(LogEntry.normal(nextIndex++, 1, payload));
            }
            return batch;
        }
    }

    /** Entries made durable, reported per second next to the batch rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Appends {
        public long appends;

        @Setup(Level.Iteration)
        public void reset() {
            appends = 0;
        }
    }

    @State(Scope.Thread)
    public static class RawFile {
        Path dir;
        FileChannel channel;
        final ByteBuffer record = ByteBuffer.allocate(ENTRY_BYTES);
        long position;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = Files.createTempDirectory(BenchmarkDirs.root(), "raw-");
            channel = FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            position = 0;
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            channel.close();
            BenchmarkDirs.delete(dir);
        }
    }

    @Benchmark
    public void appendBatchAndSync(Wal state, Appends counter) throws IOException {
        state.wal.append(state.nextBatch());
        state.wal.sync();
        counter.appends += state.batchSize;
    }

    /** Append 100 B at the end of a file and fdatasync: what one fsync costs on this machine. */
    @Benchmark
    public void rawWrite100BytesAndForce(RawFile file) throws IOException {
        file.record.clear();
        while (file.record.hasRemaining()) {
            file.position += file.channel.write(file.record, file.position);
        }
        file.channel.force(false);
    }
}
