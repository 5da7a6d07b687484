package io.synod.core.log;

import io.synod.core.consensus.LogEntry;

/**
 * What one WAL record says. There is no explicit truncate record: an entry whose index is at or below the
 * last replayed index replaces that suffix, which is exactly Raft's append rule, so replay in file order
 * reproduces every overwrite.
 */
sealed interface WalRecord {

    /** The on-disk type byte; never reuse a retired value. */
    byte typeCode();

    /** A log entry. */
    record Entry(LogEntry entry) implements WalRecord {
        static final byte TYPE = 1;

        @Override
        public byte typeCode() {
            return TYPE;
        }
    }

    /**
     * A snapshot (received from the leader) was installed here: every entry written before this record is
     * discarded, exactly as {@link MemoryLogStorage#applySnapshot} does. The snapshot itself lives in the
     * {@link SnapshotStore}; replay checks it is still there.
     */
    record SnapshotInstalled(long index, long term) implements WalRecord {
        static final byte TYPE = 2;

        @Override
        public byte typeCode() {
            return TYPE;
        }
    }
}
