package io.synod.ejb.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way a connection is refused: mark it, count it, log it (thinned out), close it. The mark matters
 * because Netty may still pass frames that were already decoded from the same read to the next handler after
 * {@code close()}; every handler drops frames of a refused connection, so none of them reaches the consumer.
 */
final class Refusals {

    static final Logger LOG = Logger.getLogger("io.synod.ejb.transport");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(Refusals.class, "refused");

    private Refusals() {
    }

    static boolean refused(ChannelHandlerContext ctx) {
        return Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get());
    }

    /** A frame this connection must not carry: counted by reason, connection closed. */
    static void reject(ChannelHandlerContext ctx, TransportCounters counters, RejectReason reason, String detail) {
        if (!markRefused(ctx)) {
            return;
        }
        long n = counters.rejected(reason);
        if (TransportCounters.worthLogging(n)) {
            LOG.log(Level.WARNING, "Synod transport: refused a frame from {0} ({1}: {2}); closing the connection"
                    + " [{3} {1} so far]", new Object[]{ctx.channel().remoteAddress(), reason, detail, n});
        }
        ctx.close();
    }

    /** A handshake that did not prove the peer: counted as an auth failure, connection closed. */
    static void authFailure(ChannelHandlerContext ctx, TransportCounters counters, String detail) {
        if (!markRefused(ctx)) {
            return;
        }
        long n = counters.authFailure();
        if (TransportCounters.worthLogging(n)) {
            LOG.log(Level.WARNING, "Synod transport: authentication with {0} failed: {1}; closing the connection"
                    + " [{2} auth failures so far]", new Object[]{ctx.channel().remoteAddress(), detail, n});
        }
        ctx.close();
    }

    /** @return false when the connection was already refused (count each connection's refusal once) */
    private static boolean markRefused(ChannelHandlerContext ctx) {
        return ctx.channel().attr(REFUSED).compareAndSet(null, Boolean.TRUE);
    }
}
