package io.synod.ejb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.synod.core.codec.CodecException;
import io.synod.core.codec.MessageCodec;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * The accepting side of the handshake: HELLO in, CHALLENGE (with the server's proof) out, PROOF in. The
 * server proves first, so a client with the wrong secret learns nothing it could use elsewhere (the proof is
 * bound to its own fresh nonce) and is turned away by its own check. On success this handler replaces itself
 * with {@link InboundMessages}, bound to the proven client id.
 */
final class ServerHandshake extends ChannelInboundHandlerAdapter {

    private enum State { AWAIT_HELLO, AWAIT_PROOF, DONE }

    private final TransportSettings settings;
    private final TransportCounters counters;
    private final FrameDecoder decoder;
    private final MessageCodec codec;
    private final Consumer<Message> consumer;
    private final ClientFrameHandler clientFrames;
    private final HeartbeatListener heartbeats;
    private State state = State.AWAIT_HELLO;
    private AuthTranscript transcript;
    private ScheduledFuture<?> timeout;

    ServerHandshake(TransportSettings settings, TransportCounters counters, FrameDecoder decoder, MessageCodec codec,
                    Consumer<Message> consumer, ClientFrameHandler clientFrames, HeartbeatListener heartbeats) {
        this.clientFrames = clientFrames;
        this.heartbeats = heartbeats;
        this.settings = settings;
        this.counters = counters;
        this.decoder = decoder;
        this.codec = codec;
        this.consumer = consumer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counters.accepted();
        timeout = ctx.executor().schedule(() -> Refusals.authFailure(ctx, counters, "no handshake within "
                + settings.handshakeTimeout()), settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (Refusals.refused(ctx) || !(msg instanceof ByteBuf frame)) {
                return;
            }
            int kind = frame.getByte(frame.readerIndex());
            if (state == State.AWAIT_HELLO && kind == FrameKind.HELLO) {
                onHello(ctx, HandshakeFrames.readHello(FrameKind.payload(frame)));
            } else if (state == State.AWAIT_PROOF && kind == FrameKind.PROOF) {
                onProof(ctx, HandshakeFrames.readProof(FrameKind.payload(frame)));
            } else {
                Refusals.reject(ctx, counters, RejectReason.UNAUTHENTICATED,
                        FrameKind.name(kind) + " while waiting for " + (state == State.AWAIT_HELLO ? "HELLO" : "PROOF"));
            }
        } catch (CodecException e) {
            Refusals.reject(ctx, counters, RejectReason.MALFORMED, e.getMessage());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHello(ChannelHandlerContext ctx, HandshakeFrames.Hello hello) {
        NodeId self = settings.localId();
        if (hello.version() != AuthTranscript.PROTOCOL_VERSION) {
            Refusals.authFailure(ctx, counters, hello.clientId() + " speaks protocol version " + hello.version()
                    + ", this node " + AuthTranscript.PROTOCOL_VERSION);
            return;
        }
        String protocol = codec.familyNames();
        if (!hello.protocol().equals(protocol)) {
            // one cluster, one consensus protocol: a Raft member must never step a Paxos message or vice versa
            Refusals.authFailure(ctx, counters, hello.clientId() + " runs consensus protocol '" + hello.protocol()
                    + "', this node '" + protocol + "' (synod.protocol must be the same on every member)");
            return;
        }
        if (!hello.expectedServerId().equals(self)) {
            // a stale address: the dialer wanted another node that used to live here
            Refusals.authFailure(ctx, counters, hello.clientId() + " wanted " + hello.expectedServerId()
                    + " but reached " + self);
            return;
        }
        if (hello.clientId().equals(self)) {
            Refusals.authFailure(ctx, counters, "a peer claims this node's own id " + self);
            return;
        }
        transcript = new AuthTranscript(AuthTranscript.PROTOCOL_VERSION, protocol, hello.clientId(), self, hello.clientNonce(),
                AuthTranscript.newNonce());
        byte[] challenge = HandshakeFrames.challenge(new HandshakeFrames.Challenge(AuthTranscript.PROTOCOL_VERSION,
                protocol, self, transcript.serverNonce(), transcript.serverProof(settings.clusterSecret())));
        ctx.writeAndFlush(FrameKind.frame(ctx.alloc(), FrameKind.CHALLENGE, challenge));
        state = State.AWAIT_PROOF;
    }

    private void onProof(ChannelHandlerContext ctx, byte[] proof) {
        if (!AuthTranscript.matches(transcript.clientProof(settings.clusterSecret()), proof)) {
            Refusals.authFailure(ctx, counters, transcript.clientId() + " sent a wrong proof (another cluster secret,"
                    + " or a replayed handshake)");
            return;
        }
        state = State.DONE;
        timeout.cancel(false);
        counters.authenticated();
        decoder.authenticated();
        Refusals.LOG.log(Level.FINE, "Synod transport: {0} authenticated from {1}",
                new Object[]{transcript.clientId(), ctx.channel().remoteAddress()});
        ctx.pipeline().replace(this, "messages",
                new InboundMessages(transcript.clientId(), settings.localId(), counters, codec, consumer, clientFrames,
                        heartbeats));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        // a client that said HELLO and left before proving itself: typically one with the wrong secret
        if (state == State.AWAIT_PROOF) {
            Refusals.authFailure(ctx, counters, transcript.clientId() + " closed the connection during the handshake");
        }
        ctx.fireChannelInactive();
    }
}
