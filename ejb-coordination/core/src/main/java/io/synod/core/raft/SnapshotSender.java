package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Snapshot;

import java.util.Arrays;

/**
 * Leader side of one chunked InstallSnapshot transfer to one follower. Stop-and-wait: one chunk in flight,
 * the next goes out when the follower acknowledges the offset it now holds; a lower acknowledged offset
 * rewinds the transfer (lost chunk or follower restart).
 */
final class SnapshotSender {

    private final Snapshot snapshot;
    private final int chunkBytes;
    private long ackedOffset;
    /** Ticks since the follower last acknowledged progress; drives retransmission and abandonment. */
    int idleTicks;

    SnapshotSender(Snapshot snapshot, int chunkBytes) {
        this.snapshot = snapshot;
        this.chunkBytes = chunkBytes;
    }

    long snapshotIndex() {
        return snapshot.metadata().index();
    }

    long ackedOffset() {
        return ackedOffset;
    }

    /** Follower holds {@code [0, nextOffset)}; returns true when that moved the transfer (forward or back). */
    boolean acknowledge(long nextOffset) {
        if (nextOffset == ackedOffset) {
            return false;
        }
        ackedOffset = Math.min(Math.max(nextOffset, 0), snapshot.data().length);
        idleTicks = 0;
        return true;
    }

    /** The chunk starting at the acknowledged offset. */
    RaftMessage.InstallSnapshot chunk(long groupId, NodeId from, NodeId to, long term) {
        byte[] data = snapshot.data();
        int start = (int) Math.min(ackedOffset, data.length);
        int end = Math.min(data.length, start + chunkBytes);
        return new RaftMessage.InstallSnapshot(groupId, from, to, term, snapshot.metadata(), data.length,
                start, Arrays.copyOfRange(data, start, end), end == data.length);
    }
}
