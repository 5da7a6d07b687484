package io.synod.core.paxos;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.SnapshotMetadata;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Multi-Paxos message family. Every message carries a ballot (encoded {@link Ballot}): for requests the
 * sender's, for answers the one they answer. Byte arrays and lists are owned by the message.
 */
public sealed interface PaxosMessage extends Message {

    long ballot();

    /**
     * Phase 1a for every slot from {@code fromSlot} on (the proposer's first unchosen slot): one prepare per
     * leadership, not per slot ("Paxos Made Simple" §3). {@code transfer}: sent on TimeoutNow, so acceptors
     * disregard leader stickiness.
     */
    record Prepare(long groupId, NodeId from, NodeId to, long ballot, long fromSlot, boolean transfer)
            implements PaxosMessage {
    }

    /**
     * Phase 1b: the acceptor promised {@code ballot} and reports every value it accepted from {@code fromSlot}
     * on, each with the ballot it was accepted under ({@link LogEntry#term()}). {@code snapshotIndex} >=
     * {@code fromSlot} means it compacted slots the proposer has not learned: the proposer must catch up first.
     */
    record Promise(long groupId, NodeId from, NodeId to, long ballot, long fromSlot, long commit,
                   long snapshotIndex, List<LogEntry> accepted) implements PaxosMessage {
        public Promise {
            accepted = List.copyOf(accepted);
        }

        @Override
        public String toString() {
            return "Promise[" + from + "->" + to + " " + Ballot.decode(ballot) + " from=" + fromSlot
                    + " n=" + accepted.size() + "]";
        }
    }

    /**
     * Phase 2a for consecutive slots (batching), several in flight per acceptor (pipelining). Slots at or below
     * the leader's commit carry their chosen value and ballot (catch-up); the others carry {@code ballot}.
     * {@code commit} is the commit notification: slots up to it are chosen.
     */
    record Accept(long groupId, NodeId from, NodeId to, long ballot, List<LogEntry> entries, long commit)
            implements PaxosMessage {
        public Accept {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            entries = List.copyOf(entries);
        }

        long firstSlot() {
            return entries.isEmpty() ? 0 : entries.get(0).index();
        }

        long lastSlot() {
            return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).index();
        }

        @Override
        public String toString() {
            return "Accept[" + from + "->" + to + " " + Ballot.decode(ballot) + " slots=" + firstSlot() + ".."
                    + lastSlot() + " commit=" + commit + "]";
        }
    }

    /**
     * Phase 2b. The acceptor accepted slots {@code firstSlot..lastSlot} under {@code ballot}; {@code matched}
     * is the highest slot up to which it holds the leader's values without a hole, which the leader counts.
     */
    record Accepted(long groupId, NodeId from, NodeId to, long ballot, long matched, long firstSlot, long lastSlot)
            implements PaxosMessage {
    }

    /**
     * The leader's heartbeat, which is also the commit notification for learners ("Paxos Made Live" §4:
     * the master is the learner that tells the others). {@code readSeq} confirms SAFE reads, {@code sentAtTick}
     * dates the lease from the send, not the answer.
     */
    record Heartbeat(long groupId, NodeId from, NodeId to, long ballot, long commit, long readSeq, long sentAtTick)
            implements PaxosMessage {
    }

    /** Echoes {@code readSeq} and {@code sentAtTick}; {@code matched} as in {@link Accepted}. */
    record HeartbeatAck(long groupId, NodeId from, NodeId to, long ballot, long matched, long readSeq,
                        long sentAtTick) implements PaxosMessage {
    }

    /**
     * The acceptor refuses {@code ballot} because it promised {@code promised}, which is higher ("Paxos Made
     * Moderately Complex": a preempted leader learns the higher ballot and backs off).
     */
    record Nack(long groupId, NodeId from, NodeId to, long ballot, long promised) implements PaxosMessage {
    }

    /** One chunk of the leader's snapshot, for an acceptor whose next slot was compacted away. */
    record SnapshotChunk(long groupId, NodeId from, NodeId to, long ballot, SnapshotMetadata metadata,
                         long totalBytes, long offset, byte[] chunk, boolean last) implements PaxosMessage {
        public SnapshotChunk {
            Objects.requireNonNull(metadata);
            Objects.requireNonNull(chunk);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SnapshotChunk s && groupId == s.groupId && from.equals(s.from) && to.equals(s.to)
                    && ballot == s.ballot && metadata.equals(s.metadata) && totalBytes == s.totalBytes
                    && offset == s.offset && Arrays.equals(chunk, s.chunk) && last == s.last;
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, from, to, ballot, metadata, offset) * 31 + Arrays.hashCode(chunk);
        }

        @Override
        public String toString() {
            return "SnapshotChunk[" + from + "->" + to + " snap=" + metadata.index() + " off=" + offset + " len="
                    + chunk.length + "/" + totalBytes + (last ? " last" : "") + "]";
        }
    }

    /** The acceptor holds bytes {@code [0, nextOffset)} of the snapshot at {@code snapshotIndex}. */
    record SnapshotAck(long groupId, NodeId from, NodeId to, long ballot, long snapshotIndex, long nextOffset)
            implements PaxosMessage {
    }

    /** Leadership transfer: the leader tells a caught-up acceptor to run phase 1 now. */
    record TimeoutNow(long groupId, NodeId from, NodeId to, long ballot) implements PaxosMessage {
    }
}
