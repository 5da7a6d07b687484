package io.synod.ejb.transport;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.MessageLimits;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvResultCodec;

import java.util.Optional;

/**
 * Wire format of {@link ClientFrame}s: {@code version | type | correlation | fields}. Every length is bounded
 * before anything is allocated: payloads and results by the largest log entry of the message limits (a forwarded
 * write becomes one entry), keys by the hard key limit, details by {@link #MAX_DETAIL_BYTES}. Anything else —
 * an unknown version or type, a request in a reply frame, trailing bytes — is a {@link CodecException}, which the
 * transport counts as a malformed frame and answers by closing the connection.
 */
final class ClientFrameCodec {

    static final int VERSION = 1;
    static final int MAX_DETAIL_BYTES = 1024;
    private static final String FORMAT = "client frame";

    private static final int WRITE_REQUEST = 1;
    private static final int READ_REQUEST = 2;
    private static final int WRITE_REPLY = 3;
    private static final int READ_REPLY = 4;
    private static final int REFUSAL = 5;

    private final MessageLimits limits;

    ClientFrameCodec(MessageLimits limits) {
        this.limits = limits;
    }

    /** The frame kind a frame travels in. */
    static byte kindOf(ClientFrame frame) {
        return frame.isRequest() ? FrameKind.CLIENT_REQUEST : FrameKind.CLIENT_REPLY;
    }

    /** @throws IllegalArgumentException if the frame exceeds the limits the receiver will apply */
    byte[] encode(ClientFrame frame) {
        WireWriter out = new WireWriter().writeByte(VERSION);
        if (frame instanceof ClientFrame.WriteRequest w) {
            requireAtMost("payload", w.payload().length, limits.maxEntryBytes());
            out.writeByte(WRITE_REQUEST).writeLong(w.correlation()).writeString(w.client().value())
                    .writeLong(w.sequence()).writeByte(w.service().code()).writeBytes(w.payload());
        } else if (frame instanceof ClientFrame.ReadRequest r) {
            out.writeByte(READ_REQUEST).writeLong(r.correlation()).writeString(r.key()).writeBoolean(r.lease());
        } else if (frame instanceof ClientFrame.WriteReply w) {
            requireAtMost("result", w.result().length, limits.maxEntryBytes());
            out.writeByte(WRITE_REPLY).writeLong(w.correlation()).writeBytes(w.result());
        } else if (frame instanceof ClientFrame.ReadReply r) {
            byte[] body = KvResultCodec.encode(new KvResult.Get(0, r.kv()));
            requireAtMost("read result", body.length, limits.maxEntryBytes());
            out.writeByte(READ_REPLY).writeLong(r.correlation()).writeBytes(body);
        } else {
            ClientFrame.Refusal f = (ClientFrame.Refusal) frame;
            out.writeByte(REFUSAL).writeLong(f.correlation()).writeByte(f.verdict().code())
                    .writeString(f.leaderHint().map(NodeId::value).orElse("")).writeString(truncate(f.detail()));
        }
        return out.toByteArray();
    }

    /** Decode the payload of a frame of {@code kind}; a reply in a request frame (or vice versa) is malformed. */
    ClientFrame decode(byte kind, byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int type = in.readByte("clientFrame.type");
        long correlation = in.readLong("clientFrame.correlation");
        ClientFrame frame = switch (type) {
            case WRITE_REQUEST -> readWrite(in, correlation);
            case READ_REQUEST -> new ClientFrame.ReadRequest(correlation,
                    in.readString("read.key", KvLimits.HARD_MAX_KEY_BYTES), in.readBoolean("read.lease"));
            case WRITE_REPLY -> new ClientFrame.WriteReply(correlation,
                    in.readBytes("reply.result", limits.maxEntryBytes()));
            case READ_REPLY -> readReadReply(in, correlation);
            case REFUSAL -> readRefusal(in, correlation);
            default -> throw new CodecException("clientFrame.type: unknown type " + type);
        };
        in.expectEnd(FORMAT);
        if (kindOf(frame) != kind) {
            throw new CodecException(FORMAT + ": a " + frame.getClass().getSimpleName() + " in a "
                    + FrameKind.name(kind) + " frame");
        }
        return frame;
    }

    private ClientFrame readWrite(WireReader in, long correlation) throws CodecException {
        String client = in.readString("write.client", ClientId.MAX_BYTES);
        long sequence = in.readLongAtLeast("write.sequence", 1);
        int code = in.readByte("write.service");
        ServiceId service = ServiceId.fromCode(code)
                .orElseThrow(() -> new CodecException("write.service: unknown service " + code));
        byte[] payload = in.readBytes("write.payload", limits.maxEntryBytes());
        try {
            return new ClientFrame.WriteRequest(correlation, new ClientId(client), sequence, service, payload);
        } catch (IllegalArgumentException e) {
            throw new CodecException("write: " + e.getMessage());
        }
    }

    private ClientFrame readReadReply(WireReader in, long correlation) throws CodecException {
        KvResult result = KvResultCodec.decode(in.readBytes("reply.read", limits.maxEntryBytes()));
        if (!(result instanceof KvResult.Get get)) {
            throw new CodecException("reply.read: not a read result");
        }
        return new ClientFrame.ReadReply(correlation, get.kv());
    }

    private static ClientFrame readRefusal(WireReader in, long correlation) throws CodecException {
        int code = in.readByte("refusal.verdict");
        ClientFrame.Verdict verdict = ClientFrame.Verdict.fromCode(code)
                .orElseThrow(() -> new CodecException("refusal.verdict: unknown verdict " + code));
        String hint = in.readString("refusal.leaderHint", MessageLimits.MAX_NODE_ID_BYTES);
        String detail = in.readString("refusal.detail", MAX_DETAIL_BYTES);
        try {
            return new ClientFrame.Refusal(correlation, verdict,
                    hint.isEmpty() ? Optional.empty() : Optional.of(NodeId.of(hint)), detail);
        } catch (IllegalArgumentException e) {
            throw new CodecException("refusal: " + e.getMessage());
        }
    }

    private static void requireAtMost(String what, int length, int max) {
        if (length > max) {
            throw new IllegalArgumentException(what + " of " + length + " bytes exceeds the limit of " + max);
        }
    }

    /** Details are for humans; cut on a character boundary well inside the byte bound. */
    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL_BYTES / 4 ? detail : detail.substring(0, MAX_DETAIL_BYTES / 4);
    }
}
