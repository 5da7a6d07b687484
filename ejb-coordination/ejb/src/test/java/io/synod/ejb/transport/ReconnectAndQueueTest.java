package io.synod.ejb.transport;

import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.ejb.transport.TransportFixture.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconnectAndQueueTest {

    private final TransportFixture fixture = new TransportFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRestartedPeerIsReconnectedAndGetsWhatWasQueuedMeanwhile() {
        Node a = fixture.start("n1");
        Node b = fixture.start("n2");
        fixture.connectAll();
        a.transport.send(heartbeat(a.id, b.id, 1));
        await().until(() -> b.inbox.size() == 1);
        int port = b.address().getPort();

        b.transport.close();
        await().untilAsserted(() -> assertThat(a.unreachable).contains(b.id)); // a has noticed
        a.transport.send(heartbeat(a.id, b.id, 2));                                 // queued while b is down
        Node restarted = fixture.start("n2", port, TransportFixture.SECRET, UnaryOperator.identity());

        await().untilAsserted(() -> assertThat(restarted.inbox).containsExactly(heartbeat(a.id, b.id, 2)));
        a.transport.send(heartbeat(a.id, b.id, 3));
        await().untilAsserted(() -> assertThat(restarted.inbox).hasSize(2));
        // b's connection to a, a's first connection to b, and the one to the restarted b
        assertThat(a.counters().connectionsAuthenticated()).isEqualTo(3);
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsIt() throws IOException {
        Node a = fixture.start("n1", 0, TransportFixture.SECRET, s -> s.withQueue(4, OverflowPolicy.DROP_OLDEST));
        NodeId n2 = NodeId.of("n2");
        int port = freePort();
        a.transport.updatePeers(Map.of(n2, new InetSocketAddress("127.0.0.1", port))); // nobody listens yet

        LongStream.range(0, 10).forEach(i -> a.transport.send(heartbeat(a.id, n2, i)));

        assertThat(a.counters().droppedMessages(DropReason.QUEUE_FULL)).isEqualTo(6);
        await().untilAsserted(() -> assertThat(a.unreachable).contains(n2));
        Node b = fixture.start("n2", port, TransportFixture.SECRET, UnaryOperator.identity());
        await().untilAsserted(() -> assertThat(b.inbox).hasSize(4));
        assertThat(b.inbox).containsExactlyElementsOf(expected(a.id, n2, 6, 10));
    }

    @Test
    void dropNewestKeepsTheFirstQueued() {
        OutboundQueue<Message> queue = new OutboundQueue<>(2, OverflowPolicy.DROP_NEWEST);
        NodeId n1 = NodeId.of("n1");
        NodeId n2 = NodeId.of("n2");
        assertThat(queue.offer(heartbeat(n1, n2, 0))).isFalse();
        assertThat(queue.offer(heartbeat(n1, n2, 1))).isFalse();
        assertThat(queue.offer(heartbeat(n1, n2, 2))).isTrue();
        assertThat(List.of(queue.poll().orElseThrow(), queue.poll().orElseThrow()))
                .containsExactlyElementsOf(expected(n1, n2, 0, 2));
        assertThat(queue.poll()).isEmpty();
    }

    @Test
    void backoffGrowsToItsCapWithJitterBelowIt() {
        ReconnectBackoff backoff = new ReconnectBackoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2));
        assertThat(backoff.delayMillis(1)).isBetween(50L, 100L);
        assertThat(backoff.delayMillis(3)).isBetween(200L, 400L);
        assertThat(backoff.delayMillis(50)).isBetween(1000L, 2000L);
    }

    private static List<Message> expected(NodeId from, NodeId to, long first, long end) {
        return LongStream.range(first, end).mapToObj(i -> (Message) heartbeat(from, to, i)).toList();
    }

    private static Heartbeat heartbeat(NodeId from, NodeId to, long readSeq) {
        return new Heartbeat(0, from, to, 1, 0, readSeq, readSeq);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
