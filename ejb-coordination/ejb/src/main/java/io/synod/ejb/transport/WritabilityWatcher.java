package io.synod.ejb.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Resumes a paused drain once Netty's outbound buffer has fallen below its low-water mark. */
final class WritabilityWatcher extends ChannelInboundHandlerAdapter {

    private final Runnable drain;

    WritabilityWatcher(Runnable drain) {
        this.drain = drain;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            drain.run();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
