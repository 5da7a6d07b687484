package io.synod.core.sim;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Snapshot;
import io.synod.core.log.MemoryLogStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One node's disk, keeping what was written apart from what was synced. Writes go to the page cache
 * ({@link #storage()}, which the engine reads, as a process reads its own writes) and are queued; a
 * {@link #sync()} makes the queue durable. A crash keeps the synced image plus a random prefix of the
 * queued writes (the kernel may have flushed some, in order) and loses the rest; the node then restarts
 * from that image rebuilt into a fresh {@link MemoryLogStorage}.
 */
public final class SimulatedDisk {

    /** One write as the WAL would record it. */
    private sealed interface Write {
        void applyTo(MemoryLogStorage storage);
    }

    private record Append(List<LogEntry> entries) implements Write {
        public void applyTo(MemoryLogStorage storage) {
            storage.append(entries);
        }
    }

    private record SetHardState(HardState state) implements Write {
        public void applyTo(MemoryLogStorage storage) {
            storage.setHardState(state);
        }
    }

    private record InstallSnapshot(Snapshot snapshot) implements Write {
        public void applyTo(MemoryLogStorage storage) {
            storage.applySnapshot(snapshot);
        }
    }

    private record LocalSnapshot(long index, ConfState conf, byte[] data, long compactTo) implements Write {
        public void applyTo(MemoryLogStorage storage) {
            storage.createSnapshot(index, conf, data);
            storage.compact(compactTo);
        }
    }

    private final ConfState bootstrap;
    private MemoryLogStorage written;
    private MemoryLogStorage synced;
    private final List<Write> unsynced = new ArrayList<>();
    private long syncs;

    /** A disk holding a freshly bootstrapped group ({@code bootstrap} may be empty for a joining member). */
    public SimulatedDisk(ConfState bootstrap) {
        this.bootstrap = bootstrap;
        wipe();
    }

    /** The page-cache view: everything written, synced or not. */
    public MemoryLogStorage storage() {
        return written;
    }

    public void append(List<LogEntry> entries) {
        write(new Append(List.copyOf(entries)));
    }

    public void setHardState(HardState state) {
        write(new SetHardState(state));
    }

    public void installSnapshot(Snapshot snapshot) {
        write(new InstallSnapshot(snapshot));
    }

    /**
     * A snapshot of the applied state taken locally, then compaction up to {@code compactTo}. Written and
     * synced at once: a real shell writes the snapshot file, fsyncs it, and only then drops log segments.
     */
    public void snapshotAndCompact(long index, ConfState conf, byte[] data, long compactTo) {
        write(new LocalSnapshot(index, conf, data, compactTo));
        sync();
    }

    private void write(Write w) {
        w.applyTo(written);
        unsynced.add(w);
    }

    public void sync() {
        for (Write w : unsynced) {
            w.applyTo(synced);
        }
        unsynced.clear();
        syncs++;
    }

    /** Power loss: keep the synced image and a random prefix of the unsynced writes. Returns how many were lost. */
    public int crash(Random random) {
        int survive = unsynced.isEmpty() ? 0 : random.nextInt(unsynced.size() + 1);
        int lost = unsynced.size() - survive;
        for (Write w : unsynced.subList(0, survive)) {
            w.applyTo(synced);
        }
        unsynced.clear();
        written = copyOf(synced);
        return lost;
    }

    /** The member was removed: its data directory is deleted, a re-added member starts empty. */
    public void wipe() {
        written = MemoryLogStorage.bootstrap(bootstrap);
        synced = MemoryLogStorage.bootstrap(bootstrap);
        unsynced.clear();
    }

    /** Start over as a member that joins later: empty, no configuration of its own. */
    public void wipeAsJoiner() {
        written = new MemoryLogStorage();
        synced = new MemoryLogStorage();
        unsynced.clear();
    }

    public int unsyncedWrites() {
        return unsynced.size();
    }

    public long syncs() {
        return syncs;
    }

    /** Rebuild a storage from another's durable content, as the shell rebuilds it from the WAL on restart. */
    private static MemoryLogStorage copyOf(MemoryLogStorage from) {
        MemoryLogStorage copy = new MemoryLogStorage();
        copy.applySnapshot(from.snapshot());
        long first = Math.max(from.firstIndex(), from.snapshot().metadata().index() + 1);
        if (first <= from.lastIndex()) {
            copy.append(from.entries(first, from.lastIndex() + 1, Long.MAX_VALUE));
        }
        copy.setHardState(from.hardState());
        return copy;
    }
}
