package io.synod.core.codec;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.SnapshotMetadata;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields every engine family carries in the same form: log entries, snapshot metadata and membership sets.
 * One place, so that Raft and Multi-Paxos cannot drift apart on how an entry or a configuration is written,
 * and a reader's bounds are the same for both.
 */
public final class ConsensusFields {

    /** index + term + type + data length: the least an entry can take, used to bound counts before allocating. */
    public static final int MIN_ENTRY_BYTES = 8 + 8 + 1 + 4;
    private static final int MIN_NODE_ID_BYTES = 4 + 1;

    private ConsensusFields() {
    }

    /**
     * One chunk of a snapshot as both engines send it (Raft's InstallSnapshot, Paxos's SnapshotChunk): the
     * metadata, then where the chunk sits in the whole, then the bytes.
     */
    public record SnapshotChunkFields(SnapshotMetadata metadata, long totalBytes, long offset, byte[] chunk,
                                      boolean last) {
    }

    public static void writeSnapshotChunk(SnapshotMetadata metadata, long totalBytes, long offset, byte[] chunk,
                                          boolean last, WireWriter out) {
        writeMetadata(metadata, out);
        out.writeLong(totalBytes).writeLong(offset).writeBytes(chunk).writeBoolean(last);
    }

    /** A chunk that lies inside its snapshot, the last one ending exactly at its end. */
    public static SnapshotChunkFields readSnapshotChunk(WireReader in, MessageLimits limits) throws CodecException {
        SnapshotMetadata metadata = readMetadata(in, limits);
        long totalBytes = in.readLongAtLeast("totalBytes", 0);
        long offset = in.readLongAtLeast("offset", 0);
        byte[] chunk = in.readBytes("chunk", limits.maxChunkBytes());
        if (offset > totalBytes - chunk.length) { // not offset + length: a forged offset near 2^63 would wrap
            throw new CodecException("chunk: bytes " + offset + "+" + chunk.length + " run past totalBytes " + totalBytes);
        }
        boolean last = in.readBoolean("last");
        if (last && offset + chunk.length != totalBytes) {
            throw new CodecException("last: the final chunk must end at totalBytes " + totalBytes);
        }
        return new SnapshotChunkFields(metadata, totalBytes, offset, chunk, last);
    }

    /**
     * The sender's side of the receiver's bounds on entries, so that an over-limit message is dropped where it
     * is made instead of closing the connection at every retransmission.
     *
     * @param noun what the entries are called in the error ("entries", "slots")
     * @throws IllegalArgumentException naming the limit exceeded
     */
    public static void checkEntries(Object message, List<LogEntry> entries, String noun, MessageLimits limits) {
        if (entries.size() > limits.maxEntries()) {
            throw new IllegalArgumentException(message + ": " + entries.size() + " " + noun + ", the limit is "
                    + limits.maxEntries());
        }
        for (LogEntry e : entries) {
            if (e.data().length > limits.maxEntryBytes()) {
                throw new IllegalArgumentException(message + ": entry " + e.index() + " has " + e.data().length
                        + " bytes, the limit is " + limits.maxEntryBytes());
            }
        }
    }

    /** The sender's side of the receiver's bounds on a snapshot chunk and the membership it carries. */
    public static void checkSnapshotChunk(Object message, SnapshotMetadata metadata, byte[] chunk,
                                          MessageLimits limits) {
        ConfState conf = metadata.confState();
        if (chunk.length > limits.maxChunkBytes()
                || Math.max(conf.voters().size(), conf.learners().size()) > limits.maxMembers()) {
            throw new IllegalArgumentException(message + ": chunk or membership over the limits " + limits);
        }
    }

    public static void writeEntry(LogEntry e, WireWriter out) {
        out.writeLong(e.index()).writeLong(e.term()).writeByte(entryTypeCode(e.type())).writeBytes(e.data());
    }

    /** An entry whose index the caller has already read and checked (each family has its own rule for it). */
    public static LogEntry readEntryAfterIndex(long index, WireReader in, MessageLimits limits) throws CodecException {
        if (index < 1) { // also where a caller's "previous + 1" wrapped around past Long.MAX_VALUE
            throw new CodecException("entry.index: must be >= 1, got " + index);
        }
        long term = in.readLongAtLeast("entry.term", 0);
        EntryType type = entryType(in.readByte("entry.type"));
        byte[] data = in.readBytes("entry.data", limits.maxEntryBytes());
        return new LogEntry(index, term, type, data);
    }

    public static void writeMetadata(SnapshotMetadata metadata, WireWriter out) {
        out.writeLong(metadata.index()).writeLong(metadata.term());
        writeIds(metadata.confState().voters(), out);
        writeIds(metadata.confState().learners(), out);
    }

    public static SnapshotMetadata readMetadata(WireReader in, MessageLimits limits) throws CodecException {
        long index = in.readLongAtLeast("snapshot.index", 0);
        long term = in.readLongAtLeast("snapshot.term", 0);
        Set<NodeId> voters = readIds(in, "voters", limits);
        Set<NodeId> learners = readIds(in, "learners", limits);
        try {
            return new SnapshotMetadata(index, term, new ConfState(voters, learners));
        } catch (IllegalArgumentException e) {
            throw new CodecException("snapshot.confState: " + e.getMessage());
        }
    }

    private static void writeIds(Set<NodeId> ids, WireWriter out) {
        out.writeInt(ids.size());
        ids.forEach(id -> out.writeString(id.value())); // ConfState keeps them sorted
    }

    /** Strictly ascending, as written: a duplicate or reordered set would not re-encode to the same bytes. */
    private static Set<NodeId> readIds(WireReader in, String field, MessageLimits limits) throws CodecException {
        int count = in.readCount(field, limits.maxMembers(), MIN_NODE_ID_BYTES);
        TreeSet<NodeId> ids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            NodeId id = MessageCodec.readNodeId(in, field);
            if (!ids.isEmpty() && ids.last().compareTo(id) >= 0) {
                throw new CodecException(field + ": node ids must be strictly ascending, " + id + " after " + ids.last());
            }
            ids.add(id);
        }
        return ids;
    }

    // Explicit codes, the same as the WAL's: reordering the enum must not change the wire format.
    private static int entryTypeCode(EntryType type) {
        return switch (type) {
            case NORMAL -> 0;
            case CONF_CHANGE -> 1;
        };
    }

    private static EntryType entryType(int code) throws CodecException {
        return switch (code) {
            case 0 -> EntryType.NORMAL;
            case 1 -> EntryType.CONF_CHANGE;
            default -> throw new CodecException("entry.type: unknown code " + code);
        };
    }
}
