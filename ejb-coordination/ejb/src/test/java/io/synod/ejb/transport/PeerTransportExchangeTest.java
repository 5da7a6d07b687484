package io.synod.ejb.transport;

import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.MessageLimits;
import io.synod.core.raft.RaftMessageCodec;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.RequestVote;
import io.synod.core.raft.RaftMessage.VoteResponse;
import io.synod.ejb.transport.TransportFixture.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeerTransportExchangeTest {

    private final TransportFixture fixture = new TransportFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void twoNodesExchangeMessagesBothWays() {
        Node a = fixture.start("n1");
        Node b = fixture.start("n2");
        fixture.connectAll();
        RequestVote vote = new RequestVote(0, a.id, b.id, 3, 10, 2, true, false);

        a.transport.send(vote);
        await().untilAsserted(() -> assertThat(b.inbox).containsExactly(vote));
        VoteResponse answer = new VoteResponse(0, b.id, a.id, 3, true, true);
        b.transport.send(answer);
        await().untilAsserted(() -> assertThat(a.inbox).containsExactly(answer));

        for (Node n : List.of(a, b)) {
            TransportCounters c = n.counters();
            assertThat(c.connectionsOpened()).isEqualTo(1);
            assertThat(c.connectionsAccepted()).isEqualTo(1);
            assertThat(c.connectionsAuthenticated()).isEqualTo(2);
            assertThat(c.messagesDelivered()).isEqualTo(1);
            assertThat(c.framesIn()).isPositive();
            assertThat(c.bytesOut()).isPositive();
            assertThat(c.authFailures()).isZero();
            assertThat(c.rejectedFrames()).isZero();
        }
    }

    @Test
    void threeNodesTalkPairwiseInOrderIncludingLargeAppends() {
        Node[] nodes = {fixture.start("n1"), fixture.start("n2"), fixture.start("n3")};
        fixture.connectAll();
        byte[] bulk = new byte[600 * 1024]; // far above the handshake frame limit: only allowed once authenticated
        new Random(5).nextBytes(bulk);

        for (Node from : nodes) {
            for (Node to : nodes) {
                if (from != to) {
                    for (long i = 0; i < 20; i++) {
                        from.transport.send(append(from.id, to.id, i, i == 7 ? bulk : new byte[]{(byte) i}));
                    }
                }
            }
        }

        for (Node to : nodes) {
            await().untilAsserted(() -> assertThat(to.inbox).hasSize(40));
            for (Node from : nodes) {
                if (from != to) {
                    List<Message> fromThat = to.inbox.stream().filter(m -> m.from().equals(from.id)).toList();
                    assertThat(fromThat).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 20)
                            .mapToObj(i -> append(from.id, to.id, i, i == 7 ? bulk : new byte[]{(byte) i})).toList());
                }
            }
            assertThat(to.counters().rejectedFrames()).isZero();
        }
    }

    @Test
    void anOverLimitMessageIsDroppedAtTheSenderAndTheConnectionSurvives() {
        MessageCodec small = RaftMessageCodec.standalone(new MessageLimits(64 * 1024, 100, 1024, 1024, 10));
        Node a = fixture.start("n1", 0, TransportFixture.SECRET, small, UnaryOperator.identity());
        Node b = fixture.start("n2", 0, TransportFixture.SECRET, small, UnaryOperator.identity());
        fixture.connectAll();

        a.transport.send(append(a.id, b.id, 0, new byte[1025]));
        a.transport.send(append(a.id, b.id, 0, new byte[1024]));

        await().untilAsserted(() -> assertThat(b.inbox).containsExactly(append(a.id, b.id, 0, new byte[1024])));
        assertThat(a.counters().droppedMessages(DropReason.TOO_LARGE)).isEqualTo(1);
        assertThat(b.counters().rejectedFrames()).isZero();
    }

    @Test
    void aMessageOfExactlyTheFrameLimitIsDelivered() {
        int limit = 64 * 1024;
        MessageCodec codec = RaftMessageCodec.standalone(new MessageLimits(limit, 100, limit, limit, 10));
        Node a = fixture.start("n1", 0, TransportFixture.SECRET, codec, UnaryOperator.identity());
        Node b = fixture.start("n2", 0, TransportFixture.SECRET, codec, UnaryOperator.identity());
        fixture.connectAll();
        int overhead = codec.encode(append(a.id, b.id, 0, new byte[0])).length;
        AppendEntries atLimit = append(a.id, b.id, 0, new byte[limit - overhead]);
        assertThat(codec.encode(atLimit)).hasSize(limit);

        a.transport.send(atLimit);

        await().untilAsserted(() -> assertThat(b.inbox).containsExactly(atLimit));
        assertThat(b.counters().rejectedFrames()).isZero();
    }

    @Test
    void aMessageToAnUnknownPeerIsDroppedAndCountedNotThrown() {
        Node a = fixture.start("n1");
        a.transport.send(new VoteResponse(0, a.id, NodeId.of("nobody"), 1, false, false));
        assertThat(a.counters().droppedMessages(DropReason.UNKNOWN_PEER)).isEqualTo(1);
    }

    @Test
    void closeStopsEveryThreadItWasGiven() {
        Node a = fixture.start("n1");
        Node b = fixture.start("n2");
        fixture.connectAll();
        a.transport.send(new VoteResponse(0, a.id, b.id, 1, true, false));
        await().until(() -> b.inbox.size() == 1);

        fixture.close();

        assertThat(fixture.threads).isNotEmpty();
        await().untilAsserted(() -> assertThat(fixture.threads).noneMatch(Thread::isAlive));
        a.transport.send(new VoteResponse(0, a.id, b.id, 1, true, false)); // after close: counted, not thrown
        assertThat(a.counters().droppedMessages(DropReason.SHUT_DOWN)).isEqualTo(1);
    }

    @Test
    void peersThatLeaveDiscoveryAreDisconnected() {
        Node a = fixture.start("n1");
        Node b = fixture.start("n2");
        fixture.connectAll();
        a.transport.send(new VoteResponse(0, a.id, b.id, 1, true, false));
        await().until(() -> b.inbox.size() == 1);

        a.transport.updatePeers(Map.of());
        a.transport.send(new VoteResponse(0, a.id, b.id, 1, true, false));

        assertThat(a.counters().droppedMessages(DropReason.UNKNOWN_PEER)).isEqualTo(1);
    }

    static AppendEntries append(NodeId from, NodeId to, long prev, byte[] data) {
        return new AppendEntries(0, from, to, 2, prev, prev == 0 ? 0 : 2, List.of(LogEntry.normal(prev + 1, 2, data)), prev);
    }
}
