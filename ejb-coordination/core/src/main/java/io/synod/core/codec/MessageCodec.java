package io.synod.core.codec;

import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The versioned binary form of consensus messages on the wire, for every registered engine family:
 * <pre>
 *   byte    version      {@link #VERSION}
 *   uint16  tag          which message; the range says which family ({@link MessageFamilyCodec})
 *   int64   group id     >= 0
 *   bytes   from         node id, int32 length + ASCII (1..64)
 *   bytes   to           node id
 *   ...     body         written by the family
 * </pre>
 * Decoding treats the input as hostile: the whole frame is bounded by {@link MessageLimits#maxFrameBytes()},
 * every length inside by its own limit, and any defect, including trailing bytes, is a {@link CodecException}.
 * The format is canonical: a frame that decodes re-encodes to the same bytes (the fuzz tests rely on it).
 */
public final class MessageCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "message";

    private final MessageLimits limits;
    private final List<MessageFamilyCodec<?>> families;

    public MessageCodec(MessageLimits limits, List<? extends MessageFamilyCodec<?>> families) {
        this.limits = Objects.requireNonNull(limits, "limits");
        List<MessageFamilyCodec<?>> sorted = new ArrayList<>(families);
        sorted.sort(Comparator.comparingInt(MessageFamilyCodec::firstTag));
        for (int i = 0; i < sorted.size(); i++) {
            MessageFamilyCodec<?> family = sorted.get(i);
            if (family.firstTag() < 1 || family.lastTag() > 0xFFFF || family.firstTag() > family.lastTag()) {
                throw new IllegalArgumentException(family.family() + ": tag range " + family.firstTag() + ".."
                        + family.lastTag() + " is not within 1..65535");
            }
            if (i > 0 && sorted.get(i - 1).lastTag() >= family.firstTag()) {
                throw new IllegalArgumentException("tag ranges of " + sorted.get(i - 1).family() + " and "
                        + family.family() + " overlap");
            }
        }
        this.families = List.copyOf(sorted);
    }

    public MessageLimits limits() {
        return limits;
    }

    /**
     * The families this codec speaks, joined by '+' in tag order (e.g. "raft"): two nodes whose names differ run
     * different consensus protocols, which the transport handshake refuses before any message is exchanged.
     */
    public String familyNames() {
        return String.join("+", families.stream().map(MessageFamilyCodec::family).toList());
    }

    /**
     * @throws IllegalArgumentException when no registered family encodes {@code message}, or when it exceeds
     *                                  any of the {@link MessageLimits} (a peer would refuse it)
     */
    public byte[] encode(Message message) {
        MessageFamilyCodec<? extends Message> family = families.stream()
                .filter(f -> f.messageType().isInstance(message))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no codec registered for " + message.getClass()));
        byte[] bytes = encodeWith(family, message);
        if (bytes.length > limits.maxFrameBytes()) {
            throw new IllegalArgumentException(message + " encodes to " + bytes.length + " bytes, over the limit of "
                    + limits.maxFrameBytes());
        }
        return bytes;
    }

    private <M extends Message> byte[] encodeWith(MessageFamilyCodec<M> family, Message message) {
        M typed = family.messageType().cast(message);
        family.checkLimits(typed, limits);
        WireWriter out = new WireWriter(128);
        out.writeByte(VERSION);
        int tag = family.tagOf(typed);
        out.writeByte(tag >>> 8).writeByte(tag);
        out.writeLong(message.groupId());
        out.writeString(message.from().value());
        out.writeString(message.to().value());
        family.writeBody(typed, out);
        return out.toByteArray();
    }

    /** @throws CodecException for anything that is not exactly one valid message within the limits */
    public Message decode(byte[] frame) throws CodecException {
        if (frame.length > limits.maxFrameBytes()) {
            throw new CodecException(FORMAT + ": " + frame.length + " bytes exceed the limit of " + limits.maxFrameBytes());
        }
        WireReader in = new WireReader(frame);
        in.expectVersion(VERSION, FORMAT);
        int tag = (in.readByte("tag") << 8) | in.readByte("tag");
        MessageFamilyCodec<?> family = familyOf(tag);
        long groupId = in.readLongAtLeast("groupId", 0);
        MessageHeader header = new MessageHeader(groupId, readNodeId(in, "from"), readNodeId(in, "to"));
        Message message = family.readBody(tag, header, in, limits);
        in.expectEnd(FORMAT);
        return message;
    }

    private MessageFamilyCodec<?> familyOf(int tag) throws CodecException {
        for (MessageFamilyCodec<?> family : families) {
            if (tag >= family.firstTag() && tag <= family.lastTag()) {
                return family;
            }
        }
        throw new CodecException(FORMAT + ": unknown message tag " + tag);
    }

    /** A node id as the families write it too: strict, so that an id never changes on its way through. */
    public static NodeId readNodeId(WireReader in, String field) throws CodecException {
        String value = in.readString(field, MessageLimits.MAX_NODE_ID_BYTES);
        try {
            return NodeId.of(value);
        } catch (IllegalArgumentException e) {
            throw new CodecException(field + ": " + e.getMessage());
        }
    }
}
