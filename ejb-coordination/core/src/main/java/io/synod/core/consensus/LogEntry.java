package io.synod.core.consensus;

import java.util.Arrays;
import java.util.Objects;

/**
 * One slot of the replicated log. For Raft {@code term} is the leader's term; for Multi-Paxos it is the
 * ballot under which the value was chosen, encoded as a long by the engine. {@code data} is owned by the entry:
 * callers must not mutate it after construction.
 */
public record LogEntry(long index, long term, EntryType type, byte[] data) {

    private static final byte[] EMPTY = new byte[0];

    public LogEntry {
        if (index < 1) {
            throw new IllegalArgumentException("log index starts at 1, got " + index);
        }
        if (term < 0) {
            throw new IllegalArgumentException("term must be >= 0, got " + term);
        }
        Objects.requireNonNull(type, "type");
        data = data == null ? EMPTY : data;
    }

    public static LogEntry normal(long index, long term, byte[] data) {
        return new LogEntry(index, term, EntryType.NORMAL, data);
    }

    /** Approximate in-memory/wire size, used for batching limits. */
    public int sizeInBytes() {
        return data.length + 24;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e
                && index == e.index && term == e.term && type == e.type && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, term, type) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LogEntry[" + index + "/" + term + " " + type + " " + data.length + "B]";
    }
}
