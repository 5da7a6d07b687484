package io.synod.core.consensus;

import java.util.List;

/**
 * The durable log as the engine sees it: read-only. The shell writes to it (append, hard state,
 * snapshot, compaction) while processing a {@link Ready}; the engine only ever reads what is already
 * stable. Implementations: {@code io.synod.core.log.MemoryLogStorage} (what the shell keeps in memory,
 * rebuilt from the WAL on restart) and the simulation's disk.
 */
public interface LogStorage {

    /** Hard state as of the last persist (term, vote, commit). */
    HardState hardState();

    /** Membership as of the snapshot; the engine replays later conf-change entries on top of it. */
    ConfState confState();

    /** Index of the first entry still present (snapshot index + 1). */
    long firstIndex();

    /** Index of the last entry present; equals snapshot index when the log is empty past it. */
    long lastIndex();

    /**
     * Term of the entry at {@code index}; valid for {@code firstIndex() - 1 .. lastIndex()} (the snapshot's
     * own index included).
     *
     * @throws LogCompactedException   if {@code index < firstIndex() - 1}
     * @throws LogUnavailableException if {@code index > lastIndex()}
     */
    long term(long index);

    /**
     * Entries in {@code [from, toExclusive)}, stopping early once {@code maxBytes} is exceeded (but always at
     * least one entry when the range is non-empty).
     */
    List<LogEntry> entries(long from, long toExclusive, long maxBytes);

    /** The most recent snapshot ({@link Snapshot#EMPTY} if none). */
    Snapshot snapshot();
}
