package io.synod.ejb.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;

import java.io.IOException;
import java.util.logging.Level;

/**
 * Last inbound handler of every connection: turns framing errors into counted refusals and makes sure no
 * exception ends the pipeline unhandled (Netty would only log it and keep the connection open).
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private final TransportCounters counters;

    ConnectionGuard(TransportCounters counters) {
        this.counters = counters;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            Refusals.reject(ctx, counters, RejectReason.OVERSIZED, cause.getMessage());
        } else if (cause instanceof DecoderException) {
            Refusals.reject(ctx, counters, RejectReason.MALFORMED, String.valueOf(cause.getMessage()));
        } else if (cause instanceof IOException) {
            // a reset by the peer or a broken pipe: ordinary when a node stops; the link reconnects
            Refusals.LOG.log(Level.FINE, "Synod transport: connection to {0} lost: {1}",
                    new Object[]{ctx.channel().remoteAddress(), cause.toString()});
            ctx.close();
        } else {
            Refusals.LOG.log(Level.WARNING, "Synod transport: unexpected error on the connection with "
                    + ctx.channel().remoteAddress() + "; closing it", cause);
            ctx.close();
        }
    }
}
