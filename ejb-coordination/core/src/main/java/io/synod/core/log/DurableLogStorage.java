package io.synod.core.log;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.LogUnavailableException;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's durable log directory, and the {@link LogStorage} the engine reads: a {@link MemoryLogStorage}
 * kept in step with what has been written to disk.
 * <pre>
 *   dir/hardstate      term, vote, commit        ({@link HardStateFile})
 *   dir/snap/          the newest snapshots      ({@link SnapshotStore})
 *   dir/wal/           the write-ahead log       ({@link SegmentedWal})
 * </pre>
 * Single writer: the shell's storage thread calls everything here; there are no threads inside.
 *
 * <p>On open the log is rebuilt from the newest readable snapshot plus the WAL, so it starts right after
 * the snapshot (entries the snapshot covers are not reloaded, as in etcd). After any I/O failure the
 * storage refuses further writes: reopen to find out what actually reached the disk.
 */
public final class DurableLogStorage implements LogStorage, Closeable {

    private final HardStateFile hardStateFile;
    private final SnapshotStore snapshots;
    private final SegmentedWal wal;
    private final MemoryLogStorage memory;
    private final RecoveryReport report;
    private boolean failed;

    private DurableLogStorage(HardStateFile hardStateFile, SnapshotStore snapshots, SegmentedWal wal,
                              MemoryLogStorage memory, RecoveryReport report) {
        this.hardStateFile = hardStateFile;
        this.snapshots = snapshots;
        this.wal = wal;
        this.memory = memory;
        this.report = report;
    }

    public static DurableLogStorage open(Path dir) throws IOException {
        return open(dir, WalOptions.DEFAULTS, SnapshotStore.DEFAULT_RETAIN);
    }

    /**
     * Open (creating if needed) the log directory and rebuild the log: hard state, newest readable snapshot,
     * then every WAL record. A torn WAL tail is cut off; see {@link #recoveryReport()} for what was repaired.
     *
     * @throws CorruptLogException if anything but a torn tail is damaged, naming the file and byte offset
     */
    public static DurableLogStorage open(Path dir, WalOptions options, int snapshotsRetained) throws IOException {
        Files.createDirectories(dir);
        List<String> temps = new ArrayList<>(AtomicFile.removeTempFiles(dir));
        HardStateFile hardStateFile = new HardStateFile(dir);
        Optional<HardState> hardState = hardStateFile.load();
        SnapshotStore snapshots = SnapshotStore.open(dir.resolve("snap"), snapshotsRetained, temps);
        SnapshotStore.Loaded loaded = snapshots.loadNewest();

        MemoryLogStorage memory = new MemoryLogStorage();
        loaded.snapshot().ifPresent(memory::applySnapshot);
        SegmentedWal wal = SegmentedWal.open(dir.resolve("wal"), options, new LogReplay(memory));
        try {
            if (hardState.isPresent()) {
                if (hardState.get().commit() > memory.lastIndex()) {
                    throw new CorruptLogException(hardStateFile.path(), CorruptLogException.WHOLE_FILE,
                            "commit index " + hardState.get().commit() + " is beyond the last durable entry "
                                    + memory.lastIndex() + ": acknowledged entries are missing from the WAL");
                }
                memory.setHardState(hardState.get());
            }
        } catch (CorruptLogException e) {
            wal.close();
            throw e;
        }
        SegmentedWal.Recovery walRecovery = wal.recovery();
        temps.addAll(walRecovery.tempFilesRemoved());
        RecoveryReport report = new RecoveryReport(hardState.isPresent(), memory.snapshot().metadata().index(),
                loaded.rejected(), walRecovery.segmentsRead(), walRecovery.recordsReplayed(), walRecovery.tornTail(),
                temps, memory.firstIndex(), memory.lastIndex());
        return new DurableLogStorage(hardStateFile, snapshots, wal, memory, report);
    }

    public RecoveryReport recoveryReport() {
        return report;
    }

    /** Persist what {@code ready} asks to be made durable (its messages and committed entries are the shell's). */
    public void persist(Ready ready) throws IOException {
        persist(ready.hardState(), ready.entries(), ready.snapshot(), ready.mustSync());
    }

    /**
     * Persist one {@code Ready}'s worth of state, in the order that keeps a crash at any point recoverable:
     * snapshot (its file, then a WAL record saying it replaced the log), entries, WAL sync, hard state.
     * The hard state is written last and only after the WAL is synced, so a durable commit index never points
     * past the durable log.
     *
     * @param sync force the WAL before returning (the {@code Ready}'s mustSync); with {@code false} the
     *             entries are written but the caller must {@link #sync()} before anything depending on them
     *             leaves the node
     */
    public void persist(Optional<HardState> hardState, List<LogEntry> entries, Optional<Snapshot> snapshot,
                        boolean sync) throws IOException {
        checkWritable();
        List<LogEntry> toAppend = entriesPastSnapshot(entries, snapshot);
        long lastAfter = !toAppend.isEmpty() ? toAppend.get(toAppend.size() - 1).index()
                : snapshot.isPresent() && isNewer(snapshot.get()) ? snapshot.get().metadata().index() : memory.lastIndex();
        if (hardState.isPresent() && hardState.get().commit() > lastAfter) {
            throw new IllegalArgumentException("commit " + hardState.get().commit() + " is beyond the last index "
                    + lastAfter + " this persist leaves");
        }
        try {
            if (snapshot.isPresent() && isNewer(snapshot.get())) {
                Snapshot snap = snapshot.get();
                snapshots.save(snap);
                wal.appendSnapshotInstalled(snap.metadata().index(), snap.metadata().term());
                wal.sync(); // rare, and the discarded suffix must not come back after a crash
                memory.applySnapshot(snap);
            }
            if (!toAppend.isEmpty()) {
                wal.append(toAppend);
                memory.append(toAppend);
            }
            boolean newHardState = hardState.isPresent() && !hardState.get().equals(memory.hardState());
            if (sync || (newHardState && wal.hasUnsyncedWrites())) {
                wal.sync();
            }
            if (newHardState) {
                hardStateFile.write(hardState.get());
                memory.setHardState(hardState.get());
            }
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /** Force everything written since the last sync (group commit). */
    public void sync() throws IOException {
        checkWritable();
        try {
            wal.sync();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /** Record the first voting configuration of a brand-new group (a snapshot at index 0 holding it). */
    public void bootstrap(ConfState initial) throws IOException {
        checkWritable();
        if (memory.lastIndex() != 0 || !memory.snapshot().isEmpty() || !memory.confState().equals(ConfState.EMPTY)) {
            throw new IllegalStateException("bootstrap needs an empty log; this one ends at " + memory.lastIndex());
        }
        Snapshot initialSnapshot = new Snapshot(new SnapshotMetadata(0, 0, initial), new byte[0]);
        saveSnapshot(initialSnapshot);
        memory.applySnapshot(initialSnapshot);
    }

    /**
     * Durably record a snapshot of the state machine as applied up to {@code index} (which must be in the log).
     * Does not compact: call {@link #compact(long)} when the shell no longer needs the entries it covers.
     */
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) throws IOException {
        checkWritable();
        Snapshot current = memory.snapshot();
        if (index <= current.metadata().index()) {
            return current;
        }
        if (index > memory.lastIndex()) {
            throw new LogUnavailableException(index, memory.lastIndex());
        }
        Snapshot snap = new Snapshot(new SnapshotMetadata(index, memory.term(index), confState), data);
        saveSnapshot(snap);
        return memory.createSnapshot(index, confState, data);
    }

    /**
     * Drop entries up to {@code index} (at most the snapshot's index) from memory, and whole WAL segments
     * covered by the <em>oldest</em> retained snapshot, so that a damaged newest snapshot can still fall back
     * to the previous one and replay the WAL from there.
     */
    public void compact(long index) throws IOException {
        checkWritable();
        memory.compact(index); // validates: not past the snapshot, not past the log
        long walLimit = Math.min(index, snapshots.oldestIndex().orElse(0L));
        try {
            wal.compact(walLimit);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    public WalCounters counters() {
        return wal.counters();
    }

    /** WAL segment files, oldest first (for operators and tests). */
    public List<Path> walSegments() {
        return wal.segments();
    }

    /** Syncs pending WAL writes and closes. */
    @Override
    public void close() throws IOException {
        wal.close();
    }

    @Override
    public HardState hardState() {
        return memory.hardState();
    }

    @Override
    public ConfState confState() {
        return memory.confState();
    }

    @Override
    public long firstIndex() {
        return memory.firstIndex();
    }

    @Override
    public long lastIndex() {
        return memory.lastIndex();
    }

    @Override
    public long term(long index) {
        return memory.term(index);
    }

    @Override
    public List<LogEntry> entries(long from, long toExclusive, long maxBytes) {
        return memory.entries(from, toExclusive, maxBytes);
    }

    @Override
    public Snapshot snapshot() {
        return memory.snapshot();
    }

    private void saveSnapshot(Snapshot snap) throws IOException {
        try {
            snapshots.save(snap);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    /** Same rule as {@link MemoryLogStorage#applySnapshot}: only a newer snapshot replaces the log. */
    private boolean isNewer(Snapshot snap) {
        Snapshot current = memory.snapshot();
        return current.isEmpty() || snap.metadata().index() > current.metadata().index();
    }

    /**
     * Checked before anything is written, so a caller bug can never leave a record on disk that replay would
     * then refuse: entries must be consecutive and must not leave a gap after the log (or the new snapshot).
     */
    private List<LogEntry> entriesPastSnapshot(List<LogEntry> entries, Optional<Snapshot> snapshot) {
        long floor = memory.firstIndex() - 1;
        long last = memory.lastIndex();
        if (snapshot.isPresent() && isNewer(snapshot.get())) {
            floor = snapshot.get().metadata().index();
            last = floor;
        }
        List<LogEntry> out = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            if (e.index() <= floor) {
                continue;
            }
            long expected = out.isEmpty() ? -1 : out.get(out.size() - 1).index() + 1;
            if (out.isEmpty() ? e.index() > last + 1 : e.index() != expected) {
                throw new IllegalArgumentException(out.isEmpty()
                        ? "gap in log: last index " + last + ", appending from " + e.index()
                        : "non-consecutive entries: expected " + expected + ", got " + e.index());
            }
            out.add(e);
        }
        return out;
    }

    private void checkWritable() {
        if (failed) {
            throw new IllegalStateException("log storage failed an earlier write; reopen it to recover");
        }
    }
}
