package io.synod.core.raft;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What this node has accepted but the shell has not yet made durable (etcd log_unstable.go): an incoming
 * snapshot and/or entries from {@code offset} on. They leave through {@code Ready} and become stable on
 * {@code advance}. Reads of an index at or after {@code offset} must come from here, since storage may
 * still hold an older, conflicting suffix that the next persist will overwrite.
 */
final class UnstableLog {

    private Optional<Snapshot> snapshot = Optional.empty();
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    /** Index of {@code entries.get(0)} (or of the next entry to arrive). */
    private long offset;

    UnstableLog(long offset) {
        this.offset = offset;
    }

    Optional<Snapshot> snapshot() {
        return snapshot;
    }

    List<LogEntry> entries() {
        return List.copyOf(entries);
    }

    long offset() {
        return offset;
    }

    OptionalLong maybeFirstIndex() {
        return snapshot.map(s -> OptionalLong.of(s.metadata().index() + 1)).orElse(OptionalLong.empty());
    }

    OptionalLong maybeLastIndex() {
        if (!entries.isEmpty()) {
            return OptionalLong.of(offset + entries.size() - 1);
        }
        return snapshot.map(s -> OptionalLong.of(s.metadata().index())).orElse(OptionalLong.empty());
    }

    OptionalLong maybeTerm(long index) {
        if (index < offset) {
            if (snapshot.isPresent() && snapshot.get().metadata().index() == index) {
                return OptionalLong.of(snapshot.get().metadata().term());
            }
            return OptionalLong.empty();
        }
        long last = offset + entries.size() - 1;
        if (index > last) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(entries.get((int) (index - offset)).term());
    }

    /** Entries up to {@code index} were persisted with {@code term}; drop them unless since overwritten. */
    void stableTo(long index, long term) {
        OptionalLong t = maybeTerm(index);
        if (t.isEmpty() || t.getAsLong() != term || index < offset) {
            return;
        }
        entries.subList(0, (int) (index - offset + 1)).clear();
        offset = index + 1;
    }

    void stableSnapTo(long index) {
        if (snapshot.isPresent() && snapshot.get().metadata().index() == index) {
            snapshot = Optional.empty();
        }
    }

    void restore(Snapshot snap) {
        offset = snap.metadata().index() + 1;
        entries.clear();
        snapshot = Optional.of(snap);
    }

    /** Append {@code ents} (consecutive), replacing whatever this log held from their first index on. */
    void truncateAndAppend(List<LogEntry> ents) {
        long first = ents.get(0).index();
        if (first == offset + entries.size()) {
            entries.addAll(ents);
        } else if (first <= offset) {
            // Replaces everything unstable (and, once persisted, the stable suffix from first on).
            offset = first;
            entries.clear();
            entries.addAll(ents);
        } else {
            entries.subList((int) (first - offset), entries.size()).clear();
            entries.addAll(ents);
        }
    }

    /** Entries {@code [lo, hi)}; both within this log. */
    List<LogEntry> slice(long lo, long hi) {
        return new ArrayList<>(entries.subList((int) (lo - offset), (int) (hi - offset)));
    }
}
