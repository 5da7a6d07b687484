package io.synod.ejb.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.synod.core.codec.CodecException;
import io.synod.core.consensus.NodeId;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dialing side of the handshake: HELLO out, CHALLENGE in (the server's proof is checked before anything of
 * ours that depends on the secret leaves), PROOF out. From then on the connection only carries MESSAGE frames
 * from us; a frame from the server is refused, since the accepting side never sends after the handshake.
 */
final class ClientHandshake extends ChannelInboundHandlerAdapter {

    private enum State { AWAIT_CHALLENGE, DONE }

    private final TransportSettings settings;
    private final String protocol;
    private final NodeId expectedPeer;
    private final TransportCounters counters;
    private final FrameDecoder decoder;
    private final Consumer<Channel> onAuthenticated;
    private final byte[] clientNonce = AuthTranscript.newNonce();
    private State state = State.AWAIT_CHALLENGE;
    private ScheduledFuture<?> timeout;

    ClientHandshake(TransportSettings settings, String protocol, NodeId expectedPeer, TransportCounters counters,
                    FrameDecoder decoder, Consumer<Channel> onAuthenticated) {
        this.settings = settings;
        this.protocol = protocol;
        this.expectedPeer = expectedPeer;
        this.counters = counters;
        this.decoder = decoder;
        this.onAuthenticated = onAuthenticated;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counters.opened();
        byte[] hello = HandshakeFrames.hello(new HandshakeFrames.Hello(AuthTranscript.PROTOCOL_VERSION, protocol,
                settings.localId(), expectedPeer, clientNonce));
        ctx.writeAndFlush(FrameKind.frame(ctx.alloc(), FrameKind.HELLO, hello));
        timeout = ctx.executor().schedule(() -> Refusals.authFailure(ctx, counters, expectedPeer
                + " did not answer the handshake within " + settings.handshakeTimeout()),
                settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (Refusals.refused(ctx) || !(msg instanceof ByteBuf frame)) {
                return;
            }
            int kind = frame.getByte(frame.readerIndex());
            if (state == State.DONE) {
                Refusals.reject(ctx, counters, RejectReason.UNEXPECTED, FrameKind.name(kind) + " from the accepting side");
            } else if (kind != FrameKind.CHALLENGE) {
                Refusals.reject(ctx, counters, RejectReason.UNAUTHENTICATED, FrameKind.name(kind) + " instead of CHALLENGE");
            } else {
                onChallenge(ctx, HandshakeFrames.readChallenge(FrameKind.payload(frame)));
            }
        } catch (CodecException e) {
            Refusals.reject(ctx, counters, RejectReason.MALFORMED, e.getMessage());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onChallenge(ChannelHandlerContext ctx, HandshakeFrames.Challenge challenge) {
        if (challenge.version() != AuthTranscript.PROTOCOL_VERSION) {
            Refusals.authFailure(ctx, counters, expectedPeer + " speaks protocol version " + challenge.version()
                    + ", this node " + AuthTranscript.PROTOCOL_VERSION);
            return;
        }
        if (!challenge.protocol().equals(protocol)) {
            Refusals.authFailure(ctx, counters, expectedPeer + " runs consensus protocol '" + challenge.protocol()
                    + "', this node '" + protocol + "' (synod.protocol must be the same on every member)");
            return;
        }
        if (!challenge.serverId().equals(expectedPeer)) {
            Refusals.authFailure(ctx, counters, "dialed " + expectedPeer + " but " + challenge.serverId() + " answered");
            return;
        }
        AuthTranscript transcript = new AuthTranscript(AuthTranscript.PROTOCOL_VERSION, protocol, settings.localId(),
                expectedPeer, clientNonce, challenge.serverNonce());
        byte[] secret = settings.clusterSecret();
        if (!AuthTranscript.matches(transcript.serverProof(secret), challenge.serverProof())) {
            Refusals.authFailure(ctx, counters, expectedPeer + " sent a wrong proof (another cluster secret?)");
            return;
        }
        ctx.writeAndFlush(FrameKind.frame(ctx.alloc(), FrameKind.PROOF,
                HandshakeFrames.proof(transcript.clientProof(secret))));
        state = State.DONE;
        timeout.cancel(false);
        counters.authenticated();
        decoder.authenticated();
        onAuthenticated.accept(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        // the server hung up on our HELLO: it refused our id, our version or the address was stale
        if (state == State.AWAIT_CHALLENGE) {
            Refusals.authFailure(ctx, counters, expectedPeer + " closed the connection during the handshake");
        }
        ctx.fireChannelInactive();
    }
}
