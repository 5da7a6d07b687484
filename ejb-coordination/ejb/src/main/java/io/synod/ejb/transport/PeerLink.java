package io.synod.ejb.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.synod.core.codec.MessageCodec;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * The outbound side towards one peer: a bounded queue, one authenticated connection at a time, and a reconnect
 * loop with backoff for as long as the peer is known. All connection state is confined to one Netty event loop
 * (the link's), so it needs no locks; {@link #send} only touches the synchronized queue and posts a drain.
 *
 * <p>Messages are encoded on the event loop, not on the caller's thread: the caller is the node's event loop,
 * which must not spend its time copying megabyte appends.
 */
final class PeerLink {

    /** What the queue holds: Raft messages and forwarded client frames share the link, in order. */
    private sealed interface Outgoing {
        record Raft(Message message) implements Outgoing {
        }

        record Client(ClientFrame frame) implements Outgoing {
        }
    }

    private final NodeId peer;
    private final InetSocketAddress address;
    private final TransportSettings settings;
    private final TransportCounters counters;
    private final MessageCodec codec;
    private final ClientFrameCodec clientCodec;
    private final Consumer<NodeId> reportUnreachable;
    private final EventLoop loop;
    private final OutboundQueue<Outgoing> queue;
    private final ReconnectBackoff backoff;
    private final AtomicBoolean drainPosted = new AtomicBoolean();

    /** Whether the peer proved the cluster secret on the current connection; read by other threads. */
    private volatile boolean authenticated;

    // confined to loop
    private Channel channel;
    private int consecutiveFailures;
    private boolean closed;

    PeerLink(NodeId peer, InetSocketAddress address, TransportSettings settings, TransportCounters counters,
             MessageCodec codec, Consumer<NodeId> reportUnreachable, EventLoop loop) {
        this.peer = peer;
        this.address = address;
        this.settings = settings;
        this.counters = counters;
        this.codec = codec;
        this.clientCodec = new ClientFrameCodec(codec.limits());
        this.reportUnreachable = reportUnreachable;
        this.loop = loop;
        this.queue = new OutboundQueue<>(settings.outboundQueueCapacity(), settings.overflowPolicy());
        this.backoff = new ReconnectBackoff(settings.reconnectMin(), settings.reconnectMax());
    }

    InetSocketAddress address() {
        return address;
    }

    /** Whether the outbound connection is up and the peer proved (in its CHALLENGE) that it holds the secret. */
    boolean authenticated() {
        return authenticated;
    }

    void start() {
        loop.execute(this::connect);
    }

    /** Never blocks: queues (dropping by policy when full) and posts a drain to the link's event loop. */
    void send(Message message) {
        enqueue(new Outgoing.Raft(message));
    }

    /** Like {@link #send(Message)}: a dropped request is retried by its sender, a dropped reply by the requester. */
    void send(ClientFrame frame) {
        enqueue(new Outgoing.Client(frame));
    }

    /** Written at once on the link's event loop if connected, else dropped; see {@link PeerTransport#sendHeartbeat}. */
    void sendHeartbeat(Heartbeat heartbeat) {
        try {
            loop.execute(() -> {
                Channel ch = channel;
                if (ch != null && ch.isActive()) {
                    ch.writeAndFlush(FrameKind.frame(ch.alloc(), FrameKind.HEARTBEAT, HeartbeatCodec.encode(heartbeat)),
                            ch.voidPromise());
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down: a heartbeat that is not sent is what a stopping member should look like
        }
    }

    private void enqueue(Outgoing item) {
        if (queue.offer(item)) {
            counters.dropped(DropReason.QUEUE_FULL);
        }
        if (drainPosted.compareAndSet(false, true)) {
            try {
                loop.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the transport is shutting down under a late send: the caller must still not see an exception
                counters.dropped(DropReason.SHUT_DOWN);
            }
        }
    }

    void close() {
        loop.execute(() -> {
            closed = true;
            int discarded = queue.clear();
            for (int i = 0; i < discarded; i++) {
                counters.dropped(DropReason.SHUT_DOWN);
            }
            if (channel != null) {
                channel.close();
            }
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                // backpressure stays in our bounded queue: drain stops while Netty's buffer is above the mark
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FrameDecoder decoder = new FrameDecoder(1 + codec.limits().maxFrameBytes());
                        ch.pipeline().addLast("frames", decoder)
                                .addLast("prepend", new LengthFieldPrepender(4))
                                .addLast("meter", new FrameMeter(counters))
                                .addLast("handshake", new ClientHandshake(settings, codec.familyNames(), peer,
                                        counters, decoder, PeerLink.this::onAuthenticated))
                                .addLast("writability", new WritabilityWatcher(PeerLink.this::drain))
                                .addLast("guard", new ConnectionGuard(counters));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(address);
        connecting.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                onLost("cannot connect: " + f.cause());
            } else {
                f.channel().closeFuture().addListener(c -> onLost("connection closed"));
            }
        });
    }

    private void onAuthenticated(Channel authenticated) {
        if (closed) {
            authenticated.close();
            return;
        }
        channel = authenticated;
        this.authenticated = true;
        consecutiveFailures = 0;
        Refusals.LOG.log(Level.FINE, "Synod transport: connected to {0} at {1}", new Object[]{peer, address});
        drain();
    }

    private void onLost(String why) {
        channel = null;
        authenticated = false;
        if (closed) {
            return;
        }
        consecutiveFailures++;
        long delay = backoff.delayMillis(consecutiveFailures);
        if (TransportCounters.worthLogging(consecutiveFailures)) {
            Refusals.LOG.log(Level.INFO, "Synod transport: {0} at {1} unreachable ({2}); retry #{3} in {4} ms",
                    new Object[]{peer, address, why, consecutiveFailures, delay});
        }
        reportUnreachable.accept(peer);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Writes queued messages while the connection accepts more; resumed by {@link WritabilityWatcher}. */
    private void drain() {
        drainPosted.set(false);
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return; // stays queued until the connection is (re)established
        }
        boolean wrote = false;
        while (ch.isWritable()) {
            Optional<Outgoing> next = queue.poll();
            if (next.isEmpty()) {
                break;
            }
            byte[] encoded;
            byte kind;
            try {
                if (next.get() instanceof Outgoing.Raft raft) {
                    kind = FrameKind.MESSAGE;
                    encoded = codec.encode(raft.message());
                } else {
                    ClientFrame frame = ((Outgoing.Client) next.get()).frame();
                    kind = ClientFrameCodec.kindOf(frame);
                    encoded = clientCodec.encode(frame);
                }
            } catch (IllegalArgumentException e) {
                counters.dropped(DropReason.TOO_LARGE);
                Refusals.LOG.log(Level.WARNING, "Synod transport: not sending to " + peer + ": " + e.getMessage());
                continue;
            }
            ch.write(FrameKind.frame(ch.alloc(), kind, encoded), ch.voidPromise());
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
    }
}
