package io.synod.core.raft;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.ConsensusFields;
import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.MessageFamilyCodec;
import io.synod.core.codec.MessageHeader;
import io.synod.core.codec.MessageLimits;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.LogEntry;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.AppendResponse;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.core.raft.RaftMessage.HeartbeatResponse;
import io.synod.core.raft.RaftMessage.InstallSnapshot;
import io.synod.core.raft.RaftMessage.RequestVote;
import io.synod.core.raft.RaftMessage.SnapshotResponse;
import io.synod.core.raft.RaftMessage.TimeoutNow;
import io.synod.core.raft.RaftMessage.VoteResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The Raft family inside {@link MessageCodec}'s envelope: tags {@code 0x0100..0x01FF}. Every body starts with
 * the sender's term; numbers that are never negative in Raft (terms, indexes, offsets, ticks) are refused when
 * negative, and an AppendEntries must carry consecutive entries right after {@code prevIndex}, so that the
 * engine never sees a message a correct peer could not have sent.
 *
 * <p>Tags are explicit constants, not ordinals: reordering the records must not change the wire format. A
 * changed body gets a new tag; the old one stays readable for a release so that a rolling upgrade works.
 */
public final class RaftMessageCodec implements MessageFamilyCodec<RaftMessage> {

    public static final int FIRST_TAG = 0x0100;
    public static final int LAST_TAG = 0x01FF;

    static final int APPEND_ENTRIES = 0x0101;
    static final int APPEND_RESPONSE = 0x0102;
    static final int REQUEST_VOTE = 0x0103;
    static final int VOTE_RESPONSE = 0x0104;
    static final int HEARTBEAT = 0x0105;
    static final int HEARTBEAT_RESPONSE = 0x0106;
    static final int INSTALL_SNAPSHOT = 0x0107;
    static final int SNAPSHOT_RESPONSE = 0x0108;
    static final int TIMEOUT_NOW = 0x0109;


    @Override
    public String family() {
        return "raft";
    }

    @Override
    public Class<RaftMessage> messageType() {
        return RaftMessage.class;
    }

    @Override
    public int firstTag() {
        return FIRST_TAG;
    }

    @Override
    public int lastTag() {
        return LAST_TAG;
    }

    /** A codec that knows only the Raft family, for a shell running the Raft engine. */
    public static MessageCodec standalone(MessageLimits limits) {
        return new MessageCodec(limits, List.of(new RaftMessageCodec()));
    }

    @Override
    public int tagOf(RaftMessage message) {
        // instanceof chain: pattern switches over the sealed family are not final in Java 17
        if (message instanceof AppendEntries) {
            return APPEND_ENTRIES;
        } else if (message instanceof AppendResponse) {
            return APPEND_RESPONSE;
        } else if (message instanceof RequestVote) {
            return REQUEST_VOTE;
        } else if (message instanceof VoteResponse) {
            return VOTE_RESPONSE;
        } else if (message instanceof Heartbeat) {
            return HEARTBEAT;
        } else if (message instanceof HeartbeatResponse) {
            return HEARTBEAT_RESPONSE;
        } else if (message instanceof InstallSnapshot) {
            return INSTALL_SNAPSHOT;
        } else if (message instanceof SnapshotResponse) {
            return SNAPSHOT_RESPONSE;
        } else if (message instanceof TimeoutNow) {
            return TIMEOUT_NOW;
        }
        throw new IllegalArgumentException("no tag for " + message.getClass());
    }

    @Override
    public void checkLimits(RaftMessage message, MessageLimits limits) {
        if (message instanceof AppendEntries m) {
            ConsensusFields.checkEntries(m, m.entries(), "entries", limits);
        } else if (message instanceof InstallSnapshot m) {
            ConsensusFields.checkSnapshotChunk(m, m.metadata(), m.chunk(), limits);
        }
    }

    @Override
    public void writeBody(RaftMessage message, WireWriter out) {
        out.writeLong(message.term());
        if (message instanceof AppendEntries m) {
            out.writeLong(m.prevIndex()).writeLong(m.prevTerm()).writeLong(m.leaderCommit());
            out.writeInt(m.entries().size());
            m.entries().forEach(e -> ConsensusFields.writeEntry(e, out));
        } else if (message instanceof AppendResponse m) {
            out.writeLong(m.index()).writeBoolean(m.reject()).writeLong(m.rejectHint()).writeLong(m.hintTerm());
        } else if (message instanceof RequestVote m) {
            out.writeLong(m.lastIndex()).writeLong(m.lastTerm()).writeBoolean(m.preVote()).writeBoolean(m.transfer());
        } else if (message instanceof VoteResponse m) {
            out.writeBoolean(m.granted()).writeBoolean(m.preVote());
        } else if (message instanceof Heartbeat m) {
            out.writeLong(m.commit()).writeLong(m.readSeq()).writeLong(m.sentAtTick());
        } else if (message instanceof HeartbeatResponse m) {
            out.writeLong(m.readSeq()).writeLong(m.sentAtTick());
        } else if (message instanceof InstallSnapshot m) {
            ConsensusFields.writeSnapshotChunk(m.metadata(), m.totalBytes(), m.offset(), m.chunk(), m.last(), out);
        } else if (message instanceof SnapshotResponse m) {
            out.writeLong(m.snapshotIndex()).writeLong(m.nextOffset());
        }
        // TimeoutNow carries the term only
    }

    @Override
    public RaftMessage readBody(int tag, MessageHeader h, WireReader in, MessageLimits limits) throws CodecException {
        long term = in.readLongAtLeast("term", 0);
        return switch (tag) {
            case APPEND_ENTRIES -> readAppendEntries(h, term, in, limits);
            case APPEND_RESPONSE -> new AppendResponse(h.groupId(), h.from(), h.to(), term,
                    in.readLongAtLeast("index", 0), in.readBoolean("reject"),
                    in.readLongAtLeast("rejectHint", 0), in.readLongAtLeast("hintTerm", 0));
            case REQUEST_VOTE -> new RequestVote(h.groupId(), h.from(), h.to(), term,
                    in.readLongAtLeast("lastIndex", 0), in.readLongAtLeast("lastTerm", 0),
                    in.readBoolean("preVote"), in.readBoolean("transfer"));
            case VOTE_RESPONSE -> new VoteResponse(h.groupId(), h.from(), h.to(), term,
                    in.readBoolean("granted"), in.readBoolean("preVote"));
            case HEARTBEAT -> new Heartbeat(h.groupId(), h.from(), h.to(), term, in.readLongAtLeast("commit", 0),
                    in.readLongAtLeast("readSeq", 0), in.readLongAtLeast("sentAtTick", 0));
            case HEARTBEAT_RESPONSE -> new HeartbeatResponse(h.groupId(), h.from(), h.to(), term,
                    in.readLongAtLeast("readSeq", 0), in.readLongAtLeast("sentAtTick", 0));
            case INSTALL_SNAPSHOT -> readInstallSnapshot(h, term, in, limits);
            case SNAPSHOT_RESPONSE -> new SnapshotResponse(h.groupId(), h.from(), h.to(), term,
                    in.readLongAtLeast("snapshotIndex", 0), in.readLongAtLeast("nextOffset", 0));
            case TIMEOUT_NOW -> new TimeoutNow(h.groupId(), h.from(), h.to(), term);
            default -> throw new CodecException("raft: unknown message tag 0x" + Integer.toHexString(tag));
        };
    }

    private static AppendEntries readAppendEntries(MessageHeader h, long term, WireReader in, MessageLimits limits)
            throws CodecException {
        long prevIndex = in.readLongAtLeast("prevIndex", 0);
        long prevTerm = in.readLongAtLeast("prevTerm", 0);
        long leaderCommit = in.readLongAtLeast("leaderCommit", 0);
        int count = in.readCount("entries", limits.maxEntries(), ConsensusFields.MIN_ENTRY_BYTES);
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long index = in.readLong("entry.index");
            // §5.3: the entries follow prevIndex without gaps; anything else is not a leader's message
            if (index != prevIndex + 1 + i) {
                throw new CodecException("entry.index: expected " + (prevIndex + 1 + i) + ", got " + index);
            }
            entries.add(ConsensusFields.readEntryAfterIndex(index, in, limits));
        }
        return new AppendEntries(h.groupId(), h.from(), h.to(), term, prevIndex, prevTerm, entries, leaderCommit);
    }

    private static InstallSnapshot readInstallSnapshot(MessageHeader h, long term, WireReader in, MessageLimits limits)
            throws CodecException {
        ConsensusFields.SnapshotChunkFields c = ConsensusFields.readSnapshotChunk(in, limits);
        return new InstallSnapshot(h.groupId(), h.from(), h.to(), term, c.metadata(), c.totalBytes(), c.offset(),
                c.chunk(), c.last());
    }
}
