package io.synod.ejb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The first byte of every frame's payload. The length prefix in front is added by Netty's
 * {@code LengthFieldPrepender} and checked by {@link FrameDecoder}.
 */
final class FrameKind {

    /** client → server: protocol version, client id, expected server id, client nonce. */
    static final byte HELLO = 1;
    /** server → client: server id, server nonce, server proof. */
    static final byte CHALLENGE = 2;
    /** client → server: client proof. */
    static final byte PROOF = 3;
    /** client → server, once authenticated: one encoded consensus message. */
    static final byte MESSAGE = 4;
    /** either direction, once authenticated: a client request forwarded to the leader ({@link ClientFrameCodec}). */
    static final byte CLIENT_REQUEST = 5;
    /** either direction, once authenticated: the leader's reply to a forwarded request. */
    static final byte CLIENT_REPLY = 6;
    /** either direction, once authenticated: a failure-detector heartbeat ({@link HeartbeatCodec}). */
    static final byte HEARTBEAT = 7;

    private FrameKind() {
    }

    static ByteBuf frame(ByteBufAllocator alloc, byte kind, byte[] payload) {
        ByteBuf buf = alloc.buffer(1 + payload.length);
        return buf.writeByte(kind).writeBytes(payload);
    }

    /** The payload after the kind byte, copied out: the decoders work on byte arrays ({@code WireReader}). */
    static byte[] payload(ByteBuf frame) {
        byte[] bytes = new byte[frame.readableBytes() - 1];
        frame.getBytes(frame.readerIndex() + 1, bytes);
        return bytes;
    }

    static String name(int kind) {
        return switch (kind) {
            case HELLO -> "HELLO";
            case CHALLENGE -> "CHALLENGE";
            case PROOF -> "PROOF";
            case MESSAGE -> "MESSAGE";
            case CLIENT_REQUEST -> "CLIENT_REQUEST";
            case CLIENT_REPLY -> "CLIENT_REPLY";
            case HEARTBEAT -> "HEARTBEAT";
            default -> "kind " + kind;
        };
    }
}
