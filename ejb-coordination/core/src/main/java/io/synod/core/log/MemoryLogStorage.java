package io.synod.core.log;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogCompactedException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.LogUnavailableException;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stable log held in memory: what the engine reads. The shell mirrors into it exactly what it has
 * made durable in the WAL (and on restart rebuilds it from the WAL), so "in here" means "on disk".
 *
 * <p>Layout: {@code dummyIndex}/{@code dummyTerm} stand for the last compacted entry (the snapshot's index
 * and term), so that {@code term(snapshotIndex)} stays answerable after compaction; {@code entries} holds
 * the consecutive entries after it.
 */
public final class MemoryLogStorage implements LogStorage {

    private HardState hardState = HardState.EMPTY;
    private Snapshot snapshot = Snapshot.EMPTY;
    /** Entries dummyIndex+1 .. lastIndex, consecutive. */
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private long dummyIndex;
    private long dummyTerm;

    public MemoryLogStorage() {
        // empty log: dummy at index 0, term 0
    }

    /** A storage whose first voting configuration is {@code initial} (bootstrap of a brand-new group). */
    public static MemoryLogStorage bootstrap(ConfState initial) {
        MemoryLogStorage storage = new MemoryLogStorage();
        storage.snapshot = new Snapshot(new SnapshotMetadata(0, 0, initial), new byte[0]);
        return storage;
    }

    @Override
    public HardState hardState() {
        return hardState;
    }

    @Override
    public ConfState confState() {
        return snapshot.metadata().confState();
    }

    @Override
    public long firstIndex() {
        return dummyIndex + 1;
    }

    @Override
    public long lastIndex() {
        return dummyIndex + entries.size();
    }

    @Override
    public long term(long index) {
        if (index < dummyIndex) {
            throw new LogCompactedException(index, firstIndex());
        }
        if (index > lastIndex()) {
            throw new LogUnavailableException(index, lastIndex());
        }
        return index == dummyIndex ? dummyTerm : entries.get((int) (index - dummyIndex - 1)).term();
    }

    @Override
    public List<LogEntry> entries(long from, long toExclusive, long maxBytes) {
        if (from <= dummyIndex) {
            throw new LogCompactedException(from, firstIndex());
        }
        if (toExclusive > lastIndex() + 1) {
            throw new LogUnavailableException(toExclusive - 1, lastIndex());
        }
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i < toExclusive; i++) {
            LogEntry e = entries.get((int) (i - dummyIndex - 1));
            bytes += e.sizeInBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public Snapshot snapshot() {
        return snapshot;
    }

    public void setHardState(HardState state) {
        hardState = Objects.requireNonNull(state);
    }

    /**
     * Append entries, replacing any conflicting suffix (entries at or after the first new index).
     * Entries at or before the snapshot are ignored; a gap after the last index is a caller bug.
     */
    public void append(List<LogEntry> newEntries) {
        if (newEntries.isEmpty()) {
            return;
        }
        int skip = 0;
        while (skip < newEntries.size() && newEntries.get(skip).index() <= dummyIndex) {
            skip++;
        }
        if (skip == newEntries.size()) {
            return;
        }
        long first = newEntries.get(skip).index();
        if (first > lastIndex() + 1) {
            throw new IllegalStateException("gap in log: last index " + lastIndex() + ", appending from " + first);
        }
        truncateFrom(first);
        for (int i = skip; i < newEntries.size(); i++) {
            LogEntry e = newEntries.get(i);
            if (e.index() != lastIndex() + 1) {
                throw new IllegalArgumentException("non-consecutive entries: expected " + (lastIndex() + 1) + ", got " + e.index());
            }
            entries.add(e);
        }
    }

    /** Drop every entry with index >= {@code index}. */
    public void truncateFrom(long index) {
        long keep = Math.max(0, index - dummyIndex - 1);
        while (entries.size() > keep) {
            entries.remove(entries.size() - 1);
        }
    }

    /**
     * Install a snapshot received from the leader: it replaces the whole log (unless our log already
     * holds a matching entry past it, which the engine decides before handing it over).
     */
    public void applySnapshot(Snapshot snap) {
        if (snap.metadata().index() <= snapshot.metadata().index() && !snapshot.isEmpty()) {
            return; // older than what we have
        }
        snapshot = snap;
        dummyIndex = snap.metadata().index();
        dummyTerm = snap.metadata().term();
        entries.clear();
    }

    /**
     * Record a snapshot taken locally of the applied state at {@code index} (which must be in the log).
     * Does not compact; call {@link #compact(long)} separately to keep a tail for slow followers.
     */
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        if (index <= snapshot.metadata().index()) {
            return snapshot;
        }
        if (index > lastIndex()) {
            throw new LogUnavailableException(index, lastIndex());
        }
        snapshot = new Snapshot(new SnapshotMetadata(index, term(index), confState), data);
        return snapshot;
    }

    /** Discard entries up to and including {@code index} (which must be covered by the snapshot). */
    public void compact(long index) {
        if (index <= dummyIndex) {
            return;
        }
        if (index > lastIndex()) {
            throw new LogUnavailableException(index, lastIndex());
        }
        if (index > snapshot.metadata().index()) {
            throw new IllegalStateException("cannot compact past the snapshot: " + index + " > " + snapshot.metadata().index());
        }
        long newDummyTerm = term(index);
        int drop = (int) (index - dummyIndex);
        entries.subList(0, drop).clear();
        dummyIndex = index;
        dummyTerm = newDummyTerm;
    }
}
