package io.synod.core.raft;

import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Follower side of chunked InstallSnapshot: collects consecutive chunks of one snapshot. A chunk at an
 * unexpected offset is not stored; the answer names the offset we need, so the leader resends from there.
 * A chunk of another snapshot restarts assembly if it is the first chunk, else asks for offset 0.
 */
final class SnapshotAssembler {

    /** What to answer: the offset we hold up to, and the snapshot once complete. */
    record Outcome(long nextOffset, Optional<Snapshot> complete) {
    }

    private Optional<SnapshotMetadata> assembling = Optional.empty();
    private long leaderTerm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Outcome accept(RaftMessage.InstallSnapshot chunk) {
        boolean same = assembling.isPresent() && assembling.get().equals(chunk.metadata())
                && leaderTerm == chunk.term();
        if (!same) {
            if (chunk.offset() != 0) {
                return new Outcome(0, Optional.empty());
            }
            assembling = Optional.of(chunk.metadata());
            leaderTerm = chunk.term();
            buffer.reset();
        }
        if (chunk.offset() != buffer.size()) {
            return new Outcome(buffer.size(), Optional.empty());
        }
        buffer.writeBytes(chunk.chunk());
        if (!chunk.last()) {
            return new Outcome(buffer.size(), Optional.empty());
        }
        if (buffer.size() != chunk.totalBytes()) {
            // Inconsistent transfer: start over.
            reset();
            return new Outcome(0, Optional.empty());
        }
        Snapshot snap = new Snapshot(chunk.metadata(), buffer.toByteArray());
        reset();
        return new Outcome(snap.data().length, Optional.of(snap));
    }

    void reset() {
        assembling = Optional.empty();
        buffer.reset();
    }
}
