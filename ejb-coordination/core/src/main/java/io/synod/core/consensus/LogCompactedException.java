package io.synod.core.consensus;

/** The requested index lies at or before the snapshot: those entries were compacted away. */
public final class LogCompactedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogCompactedException(long index, long firstIndex) {
        super("index " + index + " is compacted; first available index is " + firstIndex);
    }
}
