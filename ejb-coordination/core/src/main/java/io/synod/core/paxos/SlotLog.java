package io.synod.core.paxos;

import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogCompactedException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.LogUnavailableException;
import io.synod.core.consensus.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An acceptor's slots as the engine sees them: the durable part in the shared {@link LogStorage} and an
 * unstable overlay that supersedes it from {@code overlayFrom} on (what the next Ready must persist).
 *
 * <p>Paxos slots are independent: an acceptor may accept slot 7 before slot 6 and may re-accept an open slot
 * under a higher ballot, but it must never forget an accepted value. The shared storage is a contiguous log
 * whose append replaces the suffix, so (1) a slot accepted past the end pads the slots in between with
 * <em>holes</em> (term 0: nothing accepted), and (2) overwriting slot {@code i} re-emits every later slot
 * unchanged, so that the suffix replacement loses nothing. A hole is never chosen, reported or applied.
 *
 * <p>Positions: {@code committed} (chosen prefix known here) >= {@code applying} (handed out) >= {@code applied}.
 */
final class SlotLog {

    private final LogStorage storage;
    private final List<LogEntry> overlay = new ArrayList<>();
    private long overlayFrom;
    private Optional<Snapshot> pendingSnapshot = Optional.empty();
    long committed;
    long applying;
    long applied;

    SlotLog(LogStorage storage) {
        this.storage = storage;
        long snapshotIndex = storage.firstIndex() - 1;
        this.committed = Math.max(storage.hardState().commit(), snapshotIndex);
        if (committed > storage.lastIndex()) {
            throw new IllegalStateException("hard state commit " + committed + " is beyond the last slot "
                    + storage.lastIndex() + ": storage is corrupt");
        }
        this.applied = snapshotIndex;
        this.applying = snapshotIndex;
    }

    static LogEntry hole(long slot) {
        return new LogEntry(slot, 0, EntryType.NORMAL, new byte[0]);
    }

    static boolean isHole(LogEntry e) {
        return e.term() == 0;
    }

    private boolean overlayActive() {
        return pendingSnapshot.isPresent() || !overlay.isEmpty();
    }

    long snapshotIndex() {
        return pendingSnapshot.map(s -> s.metadata().index()).orElse(storage.firstIndex() - 1);
    }

    long firstIndex() {
        return snapshotIndex() + 1;
    }

    long lastIndex() {
        return overlayActive() ? overlayFrom - 1 + overlay.size() : storage.lastIndex();
    }

    /** The last slot known durable (nothing while a snapshot is pending). */
    long stableLastIndex() {
        if (pendingSnapshot.isPresent()) {
            return 0;
        }
        return overlay.isEmpty() ? storage.lastIndex() : overlayFrom - 1;
    }

    /** The snapshot the engine stands on (pending or stored). */
    Snapshot snapshot() {
        return pendingSnapshot.orElseGet(storage::snapshot);
    }

    /** @throws LogCompactedException at or before the snapshot, LogUnavailableException past the end */
    LogEntry entry(long slot) {
        if (slot <= snapshotIndex()) {
            throw new LogCompactedException(slot, firstIndex());
        }
        if (slot > lastIndex()) {
            throw new LogUnavailableException(slot, lastIndex());
        }
        if (overlayActive() && slot >= overlayFrom) {
            return overlay.get((int) (slot - overlayFrom));
        }
        return storage.entries(slot, slot + 1, Long.MAX_VALUE).get(0);
    }

    /** Ballot under which {@code slot} was accepted; valid from the snapshot index on. */
    long term(long slot) {
        if (slot == snapshotIndex()) {
            return snapshot().metadata().index() == slot && pendingSnapshot.isPresent()
                    ? pendingSnapshot.get().metadata().term() : storage.term(slot);
        }
        return entry(slot).term();
    }

    /** Slots {@code [from, toExclusive)}, at least one, then up to {@code maxBytes}. */
    List<LogEntry> entries(long from, long toExclusive, long maxBytes) {
        if (from <= snapshotIndex()) {
            throw new LogCompactedException(from, firstIndex());
        }
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        long storageEnd = overlayActive() ? Math.min(toExclusive, overlayFrom) : toExclusive;
        if (from < storageEnd) {
            for (LogEntry e : storage.entries(from, storageEnd, maxBytes)) {
                bytes += e.sizeInBytes();
                out.add(e);
            }
            if (out.size() < storageEnd - from) {
                return out;
            }
        }
        for (long i = Math.max(from, overlayActive() ? overlayFrom : Long.MAX_VALUE); i < toExclusive; i++) {
            LogEntry e = overlay.get((int) (i - overlayFrom));
            bytes += e.sizeInBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Accept {@code batch} (consecutive slots), slot by slot: padding with holes past the end, keeping every
     * later slot. Slots at or before the snapshot are ignored (they are chosen and applied).
     */
    void write(List<LogEntry> batch) {
        for (LogEntry e : batch) {
            if (e.index() <= snapshotIndex()) {
                continue;
            }
            if (!overlayActive()) {
                overlayFrom = storage.lastIndex() + 1;
            }
            if (e.index() < overlayFrom) {
                List<LogEntry> before = storage.entries(e.index(), overlayFrom, Long.MAX_VALUE);
                overlay.addAll(0, before);
                overlayFrom = e.index();
            }
            int pos = (int) (e.index() - overlayFrom);
            while (overlay.size() < pos) {
                overlay.add(hole(overlayFrom + overlay.size()));
            }
            if (pos == overlay.size()) {
                overlay.add(e);
            } else {
                overlay.set(pos, e);
            }
        }
    }

    /**
     * Install {@code snap}: it covers every slot up to its index, which is chosen and applied in it. Later slots
     * are kept (an acceptor forgets no accepted value) and re-emitted after the snapshot.
     */
    void restore(Snapshot snap) {
        long index = snap.metadata().index();
        List<LogEntry> kept = index < lastIndex() ? entries(Math.max(index + 1, firstIndex()), lastIndex() + 1,
                Long.MAX_VALUE) : List.of();
        List<LogEntry> keep = new ArrayList<>();
        for (LogEntry e : kept) {
            if (e.index() > index) {
                keep.add(e);
            }
        }
        pendingSnapshot = Optional.of(snap);
        overlay.clear();
        overlay.addAll(keep);
        overlayFrom = index + 1;
        committed = Math.max(committed, index);
        applying = Math.max(applying, index);
    }

    Optional<Snapshot> pendingSnapshot() {
        return pendingSnapshot;
    }

    /** What the next Ready must append (after its snapshot, if any). */
    List<LogEntry> unstableEntries() {
        return List.copyOf(overlay);
    }

    /** The shell persisted {@code snapshot} and {@code entries}: drop what is now durable from the overlay. */
    void stableTo(Optional<Snapshot> snapshot, List<LogEntry> entries) {
        if (snapshot.isPresent() && snapshot.equals(pendingSnapshot)) {
            pendingSnapshot = Optional.empty();
        }
        if (entries.isEmpty() || pendingSnapshot.isPresent()) {
            return;
        }
        long persistedFrom = entries.get(0).index();
        long persistedTo = entries.get(entries.size() - 1).index();
        int drop = 0;
        while (drop < overlay.size()) {
            long slot = overlayFrom + drop;
            if (slot < persistedFrom || slot > persistedTo
                    || !overlay.get(drop).equals(entries.get((int) (slot - persistedFrom)))) {
                break;
            }
            drop++;
        }
        overlay.subList(0, drop).clear();
        overlayFrom += drop;
    }

    void commitTo(long slot) {
        if (slot > committed) {
            if (slot > lastIndex()) {
                throw new IllegalStateException("commit " + slot + " beyond last slot " + lastIndex());
            }
            committed = slot;
        }
    }

    boolean hasNextCommitted() {
        return committed > applying;
    }

    /** Chosen slots not yet handed to the shell; never a hole (that would be an engine bug). */
    List<LogEntry> takeCommitted() {
        if (committed <= applying) {
            return List.of();
        }
        List<LogEntry> out = entries(applying + 1, committed + 1, Long.MAX_VALUE);
        for (LogEntry e : out) {
            if (isHole(e)) {
                throw new IllegalStateException("slot " + e.index() + " is committed but holds no value");
            }
        }
        applying = out.get(out.size() - 1).index();
        return out;
    }

    void appliedTo(long slot) {
        applied = Math.max(applied, slot);
    }
}
