package io.synod.ejb.transport;

import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessageCodec;
import org.awaitility.Awaitility;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Real transports on 127.0.0.1 with ephemeral ports, their inboxes and unreachable reports, and the threads
 * they were given (a plain factory standing in for Jakarta's ManagedThreadFactory).
 */
final class TransportFixture implements AutoCloseable {

    static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_SECRET = "another cluster's secret value".getBytes(StandardCharsets.UTF_8);
    static final MessageCodec CODEC = RaftMessageCodec.standalone(MessageLimits.DEFAULT);

    static {
        // generous bounds only: the build machine is shared and can be very slow; nothing asserts on timing
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }

    /** A client frame as delivered, with the proven sender. */
    record Received(NodeId from, ClientFrame frame) {
    }

    /** One started transport and what it observed. */
    static final class Node {
        final NodeId id;
        final PeerTransport transport;
        final List<Message> inbox = new CopyOnWriteArrayList<>();
        final List<NodeId> unreachable = new CopyOnWriteArrayList<>();
        final List<Received> clientInbox = new CopyOnWriteArrayList<>();

        private Node(NodeId id, TransportSettings settings, MessageCodec codec, ThreadFactory threads) {
            this.id = id;
            this.transport = PeerTransport.start(settings, codec, inbox::add, unreachable::add,
                    (from, frame) -> clientInbox.add(new Received(from, frame)), threads);
        }

        InetSocketAddress address() {
            return transport.localAddress();
        }

        TransportCounters counters() {
            return transport.counters();
        }
    }

    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ThreadFactory threadFactory = r -> {
        Thread t = new Thread(r, "test-transport-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        return t;
    };

    static TransportSettings settings(String id, int port, byte[] secret) {
        return TransportSettings.defaults(NodeId.of(id), new InetSocketAddress("127.0.0.1", port), secret)
                .withReconnect(Duration.ofMillis(20), Duration.ofMillis(200))
                .withHandshakeTimeout(Duration.ofSeconds(15));
    }

    Node start(String id) {
        return start(id, 0, SECRET, UnaryOperator.identity());
    }

    Node start(String id, int port, byte[] secret, UnaryOperator<TransportSettings> tweak) {
        return start(id, port, secret, CODEC, tweak);
    }

    Node start(String id, int port, byte[] secret, MessageCodec codec, UnaryOperator<TransportSettings> tweak) {
        Node node = new Node(NodeId.of(id), tweak.apply(settings(id, port, secret)), codec, threadFactory);
        nodes.add(node);
        return node;
    }

    /** Tell every started node where every other one is, as discovery would. */
    void connectAll() {
        Map<NodeId, InetSocketAddress> view = new java.util.HashMap<>();
        nodes.forEach(n -> view.put(n.id, n.address()));
        nodes.forEach(n -> n.transport.updatePeers(view));
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.transport.close());
    }
}
