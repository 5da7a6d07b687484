package io.synod.core.log;

import io.synod.core.consensus.LogEntry;

import java.nio.file.Path;
import java.util.List;

/**
 * Rebuilds a {@link MemoryLogStorage} from WAL records, on top of the snapshot already installed in it.
 * Applies the same rules the shell applied when it wrote them, so the result is the log as it stood.
 */
final class LogReplay implements WalReplay {

    private final MemoryLogStorage memory;

    LogReplay(MemoryLogStorage memory) {
        this.memory = memory;
    }

    @Override
    public void apply(WalRecord record, Path file, long offset) throws CorruptLogException {
        if (record instanceof WalRecord.Entry e) {
            LogEntry entry = e.entry();
            if (entry.index() > memory.lastIndex() + 1) {
                throw new CorruptLogException(file, offset, "entry " + entry.index() + " does not follow last index "
                        + memory.lastIndex() + " (snapshot " + memory.snapshot().metadata().index()
                        + "): entries are missing; if a newer snapshot was rejected, the WAL no longer covers the gap");
            }
            // At or below the last index: Raft's overwrite of a conflicting suffix; at or below the snapshot: ignored.
            memory.append(List.of(entry));
        } else if (record instanceof WalRecord.SnapshotInstalled s) {
            long have = memory.snapshot().metadata().index();
            if (have < s.index()) {
                throw new CorruptLogException(file, offset, "a snapshot at index " + s.index()
                        + " was installed here but the newest readable snapshot is at " + have);
            }
            // Installing a snapshot discarded the whole log; whatever was replayed before this record went with it.
            memory.truncateFrom(memory.firstIndex());
        }
    }
}
