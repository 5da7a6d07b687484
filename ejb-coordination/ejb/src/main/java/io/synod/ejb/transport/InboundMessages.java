package io.synod.ejb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.synod.core.codec.CodecException;
import io.synod.core.codec.MessageCodec;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;

import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * An authenticated inbound connection: decodes MESSAGE frames and hands them to the consumer, and client
 * request/reply frames to the {@link ClientFrameHandler} and heartbeats to the {@link HeartbeatListener}, together
 * with the proven sender. The peer proved
 * its id in the handshake, so a message naming another sender, or addressed to another node, is refused: an
 * authenticated member still cannot put words in another member's mouth.
 */
final class InboundMessages extends ChannelInboundHandlerAdapter {

    private final NodeId peer;
    private final NodeId self;
    private final TransportCounters counters;
    private final MessageCodec codec;
    private final Consumer<Message> consumer;
    private final ClientFrameCodec clientCodec;
    private final ClientFrameHandler clientFrames;
    private final HeartbeatListener heartbeats;

    InboundMessages(NodeId peer, NodeId self, TransportCounters counters, MessageCodec codec, Consumer<Message> consumer,
                    ClientFrameHandler clientFrames, HeartbeatListener heartbeats) {
        this.heartbeats = heartbeats;
        this.clientCodec = new ClientFrameCodec(codec.limits());
        this.clientFrames = clientFrames;
        this.peer = peer;
        this.self = self;
        this.counters = counters;
        this.codec = codec;
        this.consumer = consumer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (Refusals.refused(ctx) || !(msg instanceof ByteBuf frame)) {
                return;
            }
            byte kind = frame.getByte(frame.readerIndex());
            if (kind == FrameKind.CLIENT_REQUEST || kind == FrameKind.CLIENT_REPLY) {
                ClientFrame decoded = clientCodec.decode(kind, FrameKind.payload(frame));
                counters.clientFrameDelivered();
                deliver(decoded);
                return;
            }
            if (kind == FrameKind.HEARTBEAT) {
                Heartbeat heartbeat = HeartbeatCodec.decode(FrameKind.payload(frame));
                deliver(heartbeat);
                return;
            }
            if (kind != FrameKind.MESSAGE) {
                Refusals.reject(ctx, counters, RejectReason.UNEXPECTED, FrameKind.name(kind) + " after the handshake");
                return;
            }
            Message message = codec.decode(FrameKind.payload(frame));
            if (!message.from().equals(peer) || !message.to().equals(self)) {
                Refusals.reject(ctx, counters, RejectReason.MISADDRESSED, "authenticated as " + peer + ", sent "
                        + message.from() + " -> " + message.to());
                return;
            }
            counters.delivered();
            deliver(message);
        } catch (CodecException e) {
            Refusals.reject(ctx, counters, RejectReason.MALFORMED, e.getMessage());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void deliver(ClientFrame frame) {
        try {
            clientFrames.accept(peer, frame);
        } catch (RuntimeException e) {
            Refusals.LOG.log(Level.SEVERE, "Synod transport: the client frame handler failed on " + frame, e);
        }
    }

    private void deliver(Heartbeat heartbeat) {
        try {
            heartbeats.accept(peer, heartbeat);
        } catch (RuntimeException e) {
            Refusals.LOG.log(Level.SEVERE, "Synod transport: the heartbeat listener failed on " + heartbeat, e);
        }
    }

    private void deliver(Message message) {
        try {
            consumer.accept(message);
        } catch (RuntimeException e) {
            // the consumer is ours, not the peer's: keep the connection, report the bug
            Refusals.LOG.log(Level.SEVERE, "Synod transport: the message consumer failed on " + message, e);
        }
    }
}
