package io.synod.ejb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Length-prefixed framing ({@code int32 length | payload}) with two limits: until the connection is
 * authenticated only handshake-sized frames are accepted, so an unauthenticated peer cannot make the node buffer
 * megabytes; afterwards the message limit applies. Fails fast on the length prefix alone, before any payload is
 * buffered. Errors go to {@link ConnectionGuard}, which counts them and closes the connection.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    /** Comfortably above the largest handshake frame (a HELLO with two 64-byte ids is under 200 bytes). */
    static final int HANDSHAKE_MAX_FRAME = 512;

    private final int maxFrameBytes;
    private boolean authenticated;

    /** @param maxFrameBytes the largest payload after the length prefix */
    FrameDecoder(int maxFrameBytes) {
        // the superclass limit counts the 4-byte prefix too; our own check below is on the payload alone
        super(maxFrameBytes + 4, 0, 4, 0, 4, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Raises the limit to the message limit; called on the channel's event loop by the handshake. */
    void authenticated() {
        authenticated = true;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (in.readableBytes() >= 4) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length < 1) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("empty frame");
            }
            int limit = authenticated ? maxFrameBytes : HANDSHAKE_MAX_FRAME;
            if (length > limit) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("frame of " + length + " bytes exceeds the limit of " + limit
                        + (authenticated ? "" : " before authentication"));
            }
        }
        return super.decode(ctx, in);
    }
}
