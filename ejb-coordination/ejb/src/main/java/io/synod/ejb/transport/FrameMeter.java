package io.synod.ejb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts whole frames (with their 4-byte length prefix) in both directions, accepted or not. */
final class FrameMeter extends ChannelDuplexHandler {

    private final TransportCounters counters;

    FrameMeter(TransportCounters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf frame) {
            counters.frameIn(4 + frame.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf frame) {
            counters.frameOut(4 + frame.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
