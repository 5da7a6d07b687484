package io.synod.core.consensus;

import java.util.Objects;

/** Position of a snapshot in the log: it covers every entry up to and including {@code index}. */
public record SnapshotMetadata(long index, long term, ConfState confState) {

    public static final SnapshotMetadata EMPTY = new SnapshotMetadata(0, 0, ConfState.EMPTY);

    public SnapshotMetadata {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("index and term must be >= 0: " + index + ", " + term);
        }
        Objects.requireNonNull(confState, "confState");
    }
}
