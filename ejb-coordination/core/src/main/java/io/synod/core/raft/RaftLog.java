package io.synod.core.raft;

import io.synod.core.consensus.LogCompactedException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.LogUnavailableException;
import io.synod.core.consensus.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The whole log as the engine sees it (etcd log.go): the stable part in {@link LogStorage}, the unstable
 * tail in {@link UnstableLog}, and three positions: {@code committed} (known replicated on a quorum),
 * {@code applying} (handed to the shell in a Ready) and {@code applied} (the shell said it applied).
 * Invariant: applied <= applying <= committed <= lastIndex.
 */
final class RaftLog {

    /** An index and its term. */
    record Position(long index, long term) {
    }

    private final LogStorage storage;
    private final UnstableLog unstable;
    long committed;
    long applying;
    long applied;

    RaftLog(LogStorage storage) {
        this.storage = storage;
        this.unstable = new UnstableLog(storage.lastIndex() + 1);
        long snapshotIndex = storage.firstIndex() - 1;
        this.committed = Math.max(storage.hardState().commit(), snapshotIndex);
        if (committed > storage.lastIndex()) {
            throw new IllegalStateException("hard state commit " + committed + " is beyond the last index "
                    + storage.lastIndex() + ": storage is corrupt");
        }
        // After a restart the shell rebuilds its state machine from the snapshot: apply from there.
        this.applied = snapshotIndex;
        this.applying = snapshotIndex;
    }

    UnstableLog unstable() {
        return unstable;
    }

    long firstIndex() {
        OptionalLong i = unstable.maybeFirstIndex();
        return i.isPresent() ? i.getAsLong() : storage.firstIndex();
    }

    long lastIndex() {
        OptionalLong i = unstable.maybeLastIndex();
        return i.isPresent() ? i.getAsLong() : storage.lastIndex();
    }

    /** The last index known durable: everything before the unstable tail (nothing while a snapshot is pending). */
    long stableLastIndex() {
        if (unstable.snapshot().isPresent()) {
            return 0;
        }
        return unstable.entries().isEmpty() ? lastIndex() : unstable.offset() - 1;
    }

    long lastTerm() {
        return term(lastIndex());
    }

    /**
     * Term at {@code index}, valid from the snapshot index to the last index.
     *
     * @throws LogCompactedException   before the snapshot index
     * @throws LogUnavailableException past the last index
     */
    long term(long index) {
        long dummy = firstIndex() - 1;
        if (index < dummy) {
            throw new LogCompactedException(index, firstIndex());
        }
        if (index > lastIndex()) {
            throw new LogUnavailableException(index, lastIndex());
        }
        OptionalLong t = unstable.maybeTerm(index);
        return t.isPresent() ? t.getAsLong() : storage.term(index);
    }

    boolean matchTerm(long index, long term) {
        try {
            return term(index) == term;
        } catch (LogCompactedException | LogUnavailableException e) {
            return false;
        }
    }

    /** §3.6.1 election restriction: is a candidate's log at least as up to date as ours? */
    boolean isUpToDate(long lastIndex, long lastTerm) {
        long ourTerm = lastTerm();
        return lastTerm > ourTerm || (lastTerm == ourTerm && lastIndex >= lastIndex());
    }

    /**
     * The first index in {@code ents} whose entry is missing here or carries another term; 0 if we hold them all.
     */
    long findConflict(List<LogEntry> ents) {
        for (LogEntry e : ents) {
            if (!matchTerm(e.index(), e.term())) {
                return e.index();
            }
        }
        return 0;
    }

    /**
     * The largest index at or below {@code index} whose term is at most {@code term}, with that term; term 0
     * when the search reached compacted entries. Used on both sides of fast backtracking.
     */
    Position findConflictByTerm(long index, long term) {
        for (long i = Math.min(index, lastIndex()); i > 0; i--) {
            long t;
            try {
                t = term(i);
            } catch (LogCompactedException e) {
                return new Position(i, 0);
            }
            if (t <= term) {
                return new Position(i, t);
            }
        }
        return new Position(0, 0);
    }

    void append(List<LogEntry> ents) {
        if (ents.isEmpty()) {
            return;
        }
        long first = ents.get(0).index();
        if (first <= committed) {
            throw new IllegalStateException("refusing to overwrite committed entry " + first + " (commit "
                    + committed + ")");
        }
        if (first > lastIndex() + 1) {
            throw new IllegalStateException("gap: appending " + first + " after last index " + lastIndex());
        }
        unstable.truncateAndAppend(ents);
    }

    /** Entries from {@code from} to the end, at most about {@code maxBytes} (at least one). */
    List<LogEntry> entries(long from, long maxBytes) {
        if (from > lastIndex()) {
            return List.of();
        }
        return slice(from, lastIndex() + 1, maxBytes);
    }

    List<LogEntry> slice(long lo, long hi, long maxBytes) {
        if (lo < firstIndex()) {
            throw new LogCompactedException(lo, firstIndex());
        }
        if (lo >= hi) {
            return List.of();
        }
        List<LogEntry> out = new ArrayList<>();
        long uOffset = unstable.offset();
        if (lo < uOffset) {
            long stableHi = Math.min(hi, uOffset);
            List<LogEntry> stored = storage.entries(lo, stableHi, maxBytes);
            out.addAll(stored);
            if (stored.size() < stableHi - lo) {
                return out; // byte limit reached
            }
        }
        if (hi > uOffset) {
            long bytes = out.stream().mapToLong(LogEntry::sizeInBytes).sum();
            for (LogEntry e : unstable.slice(Math.max(lo, uOffset), hi)) {
                bytes += e.sizeInBytes();
                if (!out.isEmpty() && bytes > maxBytes) {
                    break;
                }
                out.add(e);
            }
        }
        return out;
    }

    void commitTo(long index) {
        if (index > committed) {
            if (index > lastIndex()) {
                throw new IllegalStateException("commit " + index + " beyond last index " + lastIndex());
            }
            committed = index;
        }
    }

    boolean hasNextCommittedEntries() {
        return committed > applying;
    }

    /** Committed entries not yet handed to the shell; marks them as being applied. */
    List<LogEntry> takeCommittedEntries() {
        if (!hasNextCommittedEntries()) {
            return List.of();
        }
        List<LogEntry> ents = slice(applying + 1, committed + 1, Long.MAX_VALUE);
        applying = committed;
        return ents;
    }

    void appliedTo(long index) {
        applied = Math.max(applied, index);
        applying = Math.max(applying, applied);
    }

    /** The latest snapshot: one just received (unstable) or the one in storage. */
    Snapshot snapshot() {
        return unstable.snapshot().orElseGet(storage::snapshot);
    }

    /** Replace the log by {@code snap} (follower install); everything it covers counts as committed. */
    void restore(Snapshot snap) {
        long index = snap.metadata().index();
        committed = index;
        applying = Math.max(applying, index);
        unstable.restore(snap);
    }

    void stableTo(long index, long term) {
        unstable.stableTo(index, term);
    }

    void stableSnapTo(long index) {
        unstable.stableSnapTo(index);
    }
}
