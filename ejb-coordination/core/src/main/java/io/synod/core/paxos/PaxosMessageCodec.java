package io.synod.core.paxos;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.ConsensusFields;
import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.MessageFamilyCodec;
import io.synod.core.codec.MessageHeader;
import io.synod.core.codec.MessageLimits;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.LogEntry;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Accepted;
import io.synod.core.paxos.PaxosMessage.Heartbeat;
import io.synod.core.paxos.PaxosMessage.HeartbeatAck;
import io.synod.core.paxos.PaxosMessage.Nack;
import io.synod.core.paxos.PaxosMessage.Prepare;
import io.synod.core.paxos.PaxosMessage.Promise;
import io.synod.core.paxos.PaxosMessage.SnapshotAck;
import io.synod.core.paxos.PaxosMessage.SnapshotChunk;
import io.synod.core.paxos.PaxosMessage.TimeoutNow;

import java.util.ArrayList;
import java.util.List;

/**
 * The Multi-Paxos family inside {@link MessageCodec}'s envelope: tags {@code 0x0200..0x02FF}. Every body starts
 * with the ballot (an encoded {@link Ballot}, never negative: a negative long would decode to a round past the
 * 32-bit range). Slots, offsets and ticks are never negative either. The slot rules a correct proposer or
 * acceptor follows are checked too, so that the engine never sees a message no correct peer could have sent:
 * an Accept carries consecutive slots (batching), a Promise reports strictly ascending slots from
 * {@code fromSlot} on, each accepted under a real ballot (holes are never reported).
 *
 * <p>Tags are explicit constants, not ordinals: reordering the records must not change the wire format. A
 * changed body gets a new tag; the old one stays readable for a release so that a rolling upgrade works.
 */
public final class PaxosMessageCodec implements MessageFamilyCodec<PaxosMessage> {

    public static final int FIRST_TAG = 0x0200;
    public static final int LAST_TAG = 0x02FF;

    static final int PREPARE = 0x0201;
    static final int PROMISE = 0x0202;
    static final int ACCEPT = 0x0203;
    static final int ACCEPTED = 0x0204;
    static final int HEARTBEAT = 0x0205;
    static final int HEARTBEAT_ACK = 0x0206;
    static final int NACK = 0x0207;
    static final int SNAPSHOT_CHUNK = 0x0208;
    static final int SNAPSHOT_ACK = 0x0209;
    static final int TIMEOUT_NOW = 0x020A;

    @Override
    public String family() {
        return "multipaxos";
    }

    @Override
    public Class<PaxosMessage> messageType() {
        return PaxosMessage.class;
    }

    @Override
    public int firstTag() {
        return FIRST_TAG;
    }

    @Override
    public int lastTag() {
        return LAST_TAG;
    }

    /** A codec that knows only the Multi-Paxos family, for a shell running the Multi-Paxos engine. */
    public static MessageCodec standalone(MessageLimits limits) {
        return new MessageCodec(limits, List.of(new PaxosMessageCodec()));
    }

    @Override
    public int tagOf(PaxosMessage message) {
        // instanceof chain: pattern switches over the sealed family are not final in Java 17
        if (message instanceof Prepare) {
            return PREPARE;
        } else if (message instanceof Promise) {
            return PROMISE;
        } else if (message instanceof Accept) {
            return ACCEPT;
        } else if (message instanceof Accepted) {
            return ACCEPTED;
        } else if (message instanceof Heartbeat) {
            return HEARTBEAT;
        } else if (message instanceof HeartbeatAck) {
            return HEARTBEAT_ACK;
        } else if (message instanceof Nack) {
            return NACK;
        } else if (message instanceof SnapshotChunk) {
            return SNAPSHOT_CHUNK;
        } else if (message instanceof SnapshotAck) {
            return SNAPSHOT_ACK;
        } else if (message instanceof TimeoutNow) {
            return TIMEOUT_NOW;
        }
        throw new IllegalArgumentException("no tag for " + message.getClass());
    }

    @Override
    public void checkLimits(PaxosMessage message, MessageLimits limits) {
        if (message instanceof Accept m) {
            ConsensusFields.checkEntries(m, m.entries(), "slots", limits);
        } else if (message instanceof Promise m) {
            // a promise from a far-ahead acceptor to a lagging proposer can exceed them: dropped at the sender,
            // the proposer's phase 1 times out and it is caught up by whoever leads
            ConsensusFields.checkEntries(m, m.accepted(), "slots", limits);
        } else if (message instanceof SnapshotChunk m) {
            ConsensusFields.checkSnapshotChunk(m, m.metadata(), m.chunk(), limits);
        }
    }

    @Override
    public void writeBody(PaxosMessage message, WireWriter out) {
        out.writeLong(message.ballot());
        if (message instanceof Prepare m) {
            out.writeLong(m.fromSlot()).writeBoolean(m.transfer());
        } else if (message instanceof Promise m) {
            out.writeLong(m.fromSlot()).writeLong(m.commit()).writeLong(m.snapshotIndex());
            writeEntries(m.accepted(), out);
        } else if (message instanceof Accept m) {
            out.writeLong(m.commit());
            writeEntries(m.entries(), out);
        } else if (message instanceof Accepted m) {
            out.writeLong(m.matched()).writeLong(m.firstSlot()).writeLong(m.lastSlot());
        } else if (message instanceof Heartbeat m) {
            out.writeLong(m.commit()).writeLong(m.readSeq()).writeLong(m.sentAtTick());
        } else if (message instanceof HeartbeatAck m) {
            out.writeLong(m.matched()).writeLong(m.readSeq()).writeLong(m.sentAtTick());
        } else if (message instanceof Nack m) {
            out.writeLong(m.promised());
        } else if (message instanceof SnapshotChunk m) {
            ConsensusFields.writeSnapshotChunk(m.metadata(), m.totalBytes(), m.offset(), m.chunk(), m.last(), out);
        } else if (message instanceof SnapshotAck m) {
            out.writeLong(m.snapshotIndex()).writeLong(m.nextOffset());
        }
        // TimeoutNow carries the ballot only
    }

    private static void writeEntries(List<LogEntry> entries, WireWriter out) {
        out.writeInt(entries.size());
        entries.forEach(e -> ConsensusFields.writeEntry(e, out));
    }

    @Override
    public PaxosMessage readBody(int tag, MessageHeader h, WireReader in, MessageLimits limits) throws CodecException {
        long ballot = in.readLongAtLeast("ballot", 0);
        return switch (tag) {
            case PREPARE -> new Prepare(h.groupId(), h.from(), h.to(), ballot, in.readLongAtLeast("fromSlot", 0),
                    in.readBoolean("transfer"));
            case PROMISE -> readPromise(h, ballot, in, limits);
            case ACCEPT -> readAccept(h, ballot, in, limits);
            case ACCEPTED -> new Accepted(h.groupId(), h.from(), h.to(), ballot, in.readLongAtLeast("matched", 0),
                    in.readLongAtLeast("firstSlot", 0), in.readLongAtLeast("lastSlot", 0));
            case HEARTBEAT -> new Heartbeat(h.groupId(), h.from(), h.to(), ballot, in.readLongAtLeast("commit", 0),
                    in.readLongAtLeast("readSeq", 0), in.readLongAtLeast("sentAtTick", 0));
            case HEARTBEAT_ACK -> new HeartbeatAck(h.groupId(), h.from(), h.to(), ballot,
                    in.readLongAtLeast("matched", 0), in.readLongAtLeast("readSeq", 0),
                    in.readLongAtLeast("sentAtTick", 0));
            case NACK -> new Nack(h.groupId(), h.from(), h.to(), ballot, in.readLongAtLeast("promised", 0));
            case SNAPSHOT_CHUNK -> readSnapshotChunk(h, ballot, in, limits);
            case SNAPSHOT_ACK -> new SnapshotAck(h.groupId(), h.from(), h.to(), ballot,
                    in.readLongAtLeast("snapshotIndex", 0), in.readLongAtLeast("nextOffset", 0));
            case TIMEOUT_NOW -> new TimeoutNow(h.groupId(), h.from(), h.to(), ballot);
            default -> throw new CodecException("multipaxos: unknown message tag 0x" + Integer.toHexString(tag));
        };
    }

    private static Promise readPromise(MessageHeader h, long ballot, WireReader in, MessageLimits limits)
            throws CodecException {
        long fromSlot = in.readLongAtLeast("fromSlot", 0);
        long commit = in.readLongAtLeast("commit", 0);
        long snapshotIndex = in.readLongAtLeast("snapshotIndex", 0);
        int count = in.readCount("accepted", limits.maxEntries(), ConsensusFields.MIN_ENTRY_BYTES);
        List<LogEntry> accepted = new ArrayList<>(count);
        long previous = fromSlot - 1;
        for (int i = 0; i < count; i++) {
            // ascending from fromSlot, holes left out: what Acceptor reports, and nothing a proposer could misread
            long slot = in.readLong("accepted.index");
            if (slot <= previous) {
                throw new CodecException("accepted.index: slots must ascend from fromSlot " + fromSlot + ", got "
                        + slot + " after " + previous);
            }
            LogEntry entry = ConsensusFields.readEntryAfterIndex(slot, in, limits);
            if (entry.term() == 0) {
                throw new CodecException("accepted.term: slot " + slot + " is reported without a ballot");
            }
            accepted.add(entry);
            previous = slot;
        }
        return new Promise(h.groupId(), h.from(), h.to(), ballot, fromSlot, commit, snapshotIndex, accepted);
    }

    private static Accept readAccept(MessageHeader h, long ballot, WireReader in, MessageLimits limits)
            throws CodecException {
        long commit = in.readLongAtLeast("commit", 0);
        int count = in.readCount("entries", limits.maxEntries(), ConsensusFields.MIN_ENTRY_BYTES);
        List<LogEntry> entries = new ArrayList<>(count);
        long first = 0;
        for (int i = 0; i < count; i++) {
            long slot;
            if (i == 0) {
                first = in.readLong("entry.index");
                slot = first;
            } else {
                // a batch is consecutive slots ("Paxos Made Live" batching); a gap is no proposer's message
                slot = in.readLong("entry.index");
                if (slot != first + i) {
                    throw new CodecException("entry.index: expected " + (first + i) + ", got " + slot);
                }
            }
            entries.add(ConsensusFields.readEntryAfterIndex(slot, in, limits));
        }
        return new Accept(h.groupId(), h.from(), h.to(), ballot, entries, commit);
    }

    private static SnapshotChunk readSnapshotChunk(MessageHeader h, long ballot, WireReader in, MessageLimits limits)
            throws CodecException {
        ConsensusFields.SnapshotChunkFields c = ConsensusFields.readSnapshotChunk(in, limits);
        return new SnapshotChunk(h.groupId(), h.from(), h.to(), ballot, c.metadata(), c.totalBytes(), c.offset(),
                c.chunk(), c.last());
    }
}
