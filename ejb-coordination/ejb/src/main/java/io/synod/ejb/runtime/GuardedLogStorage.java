package io.synod.ejb.runtime;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.Snapshot;
import io.synod.core.log.DurableLogStorage;

import java.util.List;

/**
 * The engine's read view of the {@link DurableLogStorage}, which is not thread-safe: the engine reads it on the
 * event loop while the {@link StorageWriter} appends to it. Every read and every in-memory mutation holds the
 * same monitor ({@code this}); the writer's fsync runs outside it, so the loop is never held up by the disk's
 * slowest operation.
 */
final class GuardedLogStorage implements LogStorage {

    private final DurableLogStorage durable;

    GuardedLogStorage(DurableLogStorage durable) {
        this.durable = durable;
    }

    /** The storage itself, for the writer: touch it only while holding this object's monitor (except sync). */
    DurableLogStorage durable() {
        return durable;
    }

    @Override
    public synchronized HardState hardState() {
        return durable.hardState();
    }

    @Override
    public synchronized ConfState confState() {
        return durable.confState();
    }

    @Override
    public synchronized long firstIndex() {
        return durable.firstIndex();
    }

    @Override
    public synchronized long lastIndex() {
        return durable.lastIndex();
    }

    @Override
    public synchronized long term(long index) {
        return durable.term(index);
    }

    @Override
    public synchronized List<LogEntry> entries(long from, long toExclusive, long maxBytes) {
        return durable.entries(from, toExclusive, maxBytes);
    }

    @Override
    public synchronized Snapshot snapshot() {
        return durable.snapshot();
    }
}
