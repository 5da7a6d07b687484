package io.synod.ejb.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.synod.core.codec.MessageCodec;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * The node's transport: a server that accepts authenticated connections from peers and hands their messages
 * to a consumer, and one {@link PeerLink} per known peer for sending. Peers and their addresses come from
 * discovery ({@link #updatePeers}); the consensus engine only calls {@link #send} and hears back through
 * {@code reportUnreachable} (so that Raft can put the follower into probe state, thesis §10.2.1 / etcd).
 *
 * <p>Threads: all of Netty's threads come from the {@link ThreadFactory} given to {@link #start} (in Payara,
 * Jakarta Concurrency's {@code ManagedThreadFactory}); {@link #close} stops them and waits for them.
 */
public final class PeerTransport implements AutoCloseable {

    private final TransportSettings settings;
    private final MessageCodec codec;
    private final Consumer<Message> inbound;
    private final Consumer<NodeId> reportUnreachable;
    private final ClientFrameHandler clientFrames;
    private final TransportCounters counters = new TransportCounters();
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Map<NodeId, PeerLink> links = new ConcurrentHashMap<>();
    private final Channel server;
    private volatile boolean closed;
    /** Set once the failure detector starts (after the transport: the runtime owns the transport). */
    private volatile HeartbeatListener heartbeats = HeartbeatListener.IGNORE;

    private PeerTransport(TransportSettings settings, MessageCodec codec, Consumer<Message> inbound,
                          Consumer<NodeId> reportUnreachable, ClientFrameHandler clientFrames, ThreadFactory threads) {
        this.settings = settings;
        this.clientFrames = clientFrames;
        this.codec = codec;
        this.inbound = inbound;
        this.reportUnreachable = reportUnreachable;
        this.acceptor = new NioEventLoopGroup(1, threads);
        this.workers = new NioEventLoopGroup(settings.ioThreads(), threads);
        try {
            this.server = bind();
        } catch (RuntimeException e) {
            shutDownThreads();
            throw e;
        }
    }

    /**
     * Binds the server and returns a running transport.
     *
     * @param codec             the message families this node speaks; its limits bound every frame (a kind byte
     *                          plus the largest message), so all members must run with the same limits
     * @param inbound           receives every authenticated, well-formed message addressed to this node; called
     *                          on a Netty thread, so it must only enqueue (the node's event loop does the work)
     * @param reportUnreachable told when a peer cannot be reached (each failed connect or lost connection);
     *                          called on a Netty thread, must not block
     * @param clientFrames      receives forwarded client requests and replies ({@link ClientFrame}) with their
     *                          proven sender; called on a Netty thread, so it must only enqueue
     * @throws TransportBindException when the address cannot be bound (in use, not local)
     */
    public static PeerTransport start(TransportSettings settings, MessageCodec codec, Consumer<Message> inbound,
                                      Consumer<NodeId> reportUnreachable, ClientFrameHandler clientFrames,
                                      ThreadFactory threads) {
        return new PeerTransport(Objects.requireNonNull(settings), Objects.requireNonNull(codec),
                Objects.requireNonNull(inbound), Objects.requireNonNull(reportUnreachable),
                Objects.requireNonNull(clientFrames), Objects.requireNonNull(threads));
    }

    private Channel bind() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FrameDecoder decoder = new FrameDecoder(1 + codec.limits().maxFrameBytes());
                        ch.pipeline().addLast("frames", decoder)
                                .addLast("prepend", new LengthFieldPrepender(4))
                                .addLast("meter", new FrameMeter(counters))
                                .addLast("handshake", new ServerHandshake(settings, counters, decoder, codec, inbound,
                                        clientFrames, (from, beat) -> heartbeats.accept(from, beat)))
                                .addLast("guard", new ConnectionGuard(counters));
                    }
                });
        var bound = bootstrap.bind(settings.bindAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new TransportBindException("cannot bind the Synod transport to " + settings.bindAddress()
                    + ": " + bound.cause(), bound.cause());
        }
        Refusals.LOG.log(Level.INFO, "Synod transport of {0} listening on {1}",
                new Object[]{settings.localId(), bound.channel().localAddress()});
        return bound.channel();
    }

    /** The bound address (with the actual port when the settings asked for port 0). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    public TransportCounters counters() {
        return counters;
    }

    /**
     * Makes the links match discovery's view: new peers are dialled, peers gone or moved are disconnected (their
     * queued messages dropped), unchanged ones keep their connection. This node's own entry is ignored.
     */
    public synchronized void updatePeers(Map<NodeId, InetSocketAddress> peers) {
        if (closed) {
            return;
        }
        links.entrySet().removeIf(e -> {
            InetSocketAddress now = peers.get(e.getKey());
            boolean stale = now == null || !now.equals(e.getValue().address());
            if (stale) {
                e.getValue().close();
            }
            return stale;
        });
        peers.forEach((id, address) -> {
            if (!id.equals(settings.localId()) && !links.containsKey(id)) {
                PeerLink link = new PeerLink(id, address, settings, counters, codec, reportUnreachable,
                        workers.next());
                links.put(id, link);
                link.start();
            }
        });
    }

    /**
     * The peers this node is connected to right now over a connection on which the peer proved it holds the
     * cluster secret. Membership uses it: discovery alone (Hazelcast) says nothing about the secret.
     */
    public Set<NodeId> authenticatedPeers() {
        return links.entrySet().stream().filter(e -> e.getValue().authenticated()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Asynchronous and never blocking; a message that cannot be queued is dropped and counted (see {@link DropReason}). */
    public void send(Message message) {
        PeerLink link = closed ? null : links.get(message.to());
        if (link == null) {
            counters.dropped(closed ? DropReason.SHUT_DOWN : DropReason.UNKNOWN_PEER);
            return;
        }
        link.send(message);
    }

    /** Like {@link #send(Message)}, for a forwarded client request or reply to {@code to}. */
    public void send(NodeId to, ClientFrame frame) {
        PeerLink link = closed ? null : links.get(to);
        if (link == null) {
            counters.dropped(closed ? DropReason.SHUT_DOWN : DropReason.UNKNOWN_PEER);
            return;
        }
        link.send(frame);
    }

    /** Who hears the heartbeats peers send; until called, they are decoded (and checked) but ignored. */
    public void onHeartbeats(HeartbeatListener listener) {
        this.heartbeats = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sends a heartbeat to {@code to} now, past the bounded queue of consensus traffic: a backlog of appends must
     * not delay it and make a healthy peer look silent. Dropped when there is no authenticated connection — a
     * missing heartbeat is exactly what the detector should see then.
     */
    public void sendHeartbeat(NodeId to, Heartbeat heartbeat) {
        PeerLink link = closed ? null : links.get(to);
        if (link != null) {
            link.sendHeartbeat(heartbeat);
        }
    }

    /** The peers discovery currently knows (connected or not): whom to send heartbeats to and watch. */
    public Set<NodeId> peers() {
        return Set.copyOf(links.keySet());
    }

    /** Closes every connection and the server, then stops Netty's threads and waits for them (bounded). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        links.values().forEach(PeerLink::close);
        links.clear();
        server.close().awaitUninterruptibly();
        shutDownThreads();
        Refusals.LOG.log(Level.INFO, "Synod transport of {0} stopped: {1}", new Object[]{settings.localId(), counters});
    }

    private void shutDownThreads() {
        // no quiet period: the links' close tasks are already queued and run before the loops stop
        var a = acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        var w = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        a.awaitUninterruptibly(5, TimeUnit.SECONDS);
        w.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
