package io.synod.core.raft;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.SnapshotMetadata;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Raft message family. Every message carries the sender's term: a higher term always wins (§3.3), a
 * lower one marks a stale sender. Byte-array fields are owned by the message and never mutated.
 */
public sealed interface RaftMessage extends Message {

    /** The sender's current term (for a pre-vote request: the term it would campaign in). */
    long term();

    /** §3.5 AppendEntries: entries after {@code (prevIndex, prevTerm)}; empty entries only advance commit. */
    record AppendEntries(long groupId, NodeId from, NodeId to, long term,
                         long prevIndex, long prevTerm, List<LogEntry> entries, long leaderCommit)
            implements RaftMessage {
        public AppendEntries {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            entries = List.copyOf(entries);
        }

        @Override
        public String toString() {
            return "AppendEntries[" + from + "->" + to + " t" + term + " prev=" + prevIndex + "/" + prevTerm
                    + " n=" + entries.size() + " commit=" + leaderCommit + "]";
        }
    }

    /**
     * Answer to {@link AppendEntries}. On success {@code index} is the last index known to match the leader.
     * On reject {@code index} is the rejected {@code prevIndex}, and ({@code rejectHint}, {@code hintTerm})
     * is the follower's last entry at or below it whose term is not greater than the leader's prevTerm:
     * the leader skips a whole conflicting term per round trip (fast backtracking, §5.3 / etcd).
     */
    record AppendResponse(long groupId, NodeId from, NodeId to, long term,
                          long index, boolean reject, long rejectHint, long hintTerm) implements RaftMessage {
        public static AppendResponse success(long groupId, NodeId from, NodeId to, long term, long index) {
            return new AppendResponse(groupId, from, to, term, index, false, 0, 0);
        }
    }

    /**
     * §3.4 RequestVote, and §9.6 PreVote when {@code preVote}. {@code transfer} marks an election started by
     * TimeoutNow (§3.10): voters then disregard leader stickiness.
     */
    record RequestVote(long groupId, NodeId from, NodeId to, long term,
                       long lastIndex, long lastTerm, boolean preVote, boolean transfer) implements RaftMessage {
    }

    record VoteResponse(long groupId, NodeId from, NodeId to, long term, boolean granted, boolean preVote)
            implements RaftMessage {
    }

    /**
     * Leader heartbeat. {@code commit} never exceeds what the follower is known to hold. {@code readSeq}
     * confirms leadership for ReadIndex requests up to that sequence (§6.4); {@code sentAtTick} (leader's clock)
     * lets the leader date its lease from when the heartbeat left, not when the answer arrived (§6.4.1).
     */
    record Heartbeat(long groupId, NodeId from, NodeId to, long term, long commit, long readSeq, long sentAtTick)
            implements RaftMessage {
    }

    /** Echoes the heartbeat's {@code readSeq} and {@code sentAtTick}. */
    record HeartbeatResponse(long groupId, NodeId from, NodeId to, long term, long readSeq, long sentAtTick)
            implements RaftMessage {
    }

    /**
     * One chunk of a snapshot (§5.3 InstallSnapshot, chunked). {@code offset} is where {@code chunk} starts in
     * the snapshot data; {@code last} marks the final chunk.
     */
    record InstallSnapshot(long groupId, NodeId from, NodeId to, long term, SnapshotMetadata metadata,
                           long totalBytes, long offset, byte[] chunk, boolean last) implements RaftMessage {
        public InstallSnapshot {
            Objects.requireNonNull(metadata);
            Objects.requireNonNull(chunk);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InstallSnapshot s && groupId == s.groupId && from.equals(s.from) && to.equals(s.to)
                    && term == s.term && metadata.equals(s.metadata) && totalBytes == s.totalBytes
                    && offset == s.offset && Arrays.equals(chunk, s.chunk) && last == s.last;
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, from, to, term, metadata, offset) * 31 + Arrays.hashCode(chunk);
        }

        @Override
        public String toString() {
            return "InstallSnapshot[" + from + "->" + to + " t" + term + " snap=" + metadata.index() + "/"
                    + metadata.term() + " off=" + offset + " len=" + chunk.length + "/" + totalBytes
                    + (last ? " last" : "") + "]";
        }
    }

    /**
     * Acknowledges snapshot chunks: the follower holds bytes {@code [0, nextOffset)} of the snapshot at
     * {@code snapshotIndex}. A {@code nextOffset} lower than what the leader sent means "resend from here"
     * (a lost chunk, or a follower that lost its partial copy).
     */
    record SnapshotResponse(long groupId, NodeId from, NodeId to, long term, long snapshotIndex, long nextOffset)
            implements RaftMessage {
    }

    /** §3.10: the leader tells a caught-up transferee to start an election now, skipping pre-vote. */
    record TimeoutNow(long groupId, NodeId from, NodeId to, long term) implements RaftMessage {
    }
}
