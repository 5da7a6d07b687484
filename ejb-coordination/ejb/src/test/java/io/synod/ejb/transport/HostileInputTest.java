package io.synod.ejb.transport;

import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessage.VoteResponse;
import io.synod.ejb.transport.TransportFixture.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Raw sockets feed the server what no Synod peer sends; every case must close, count and deliver nothing. */
class HostileInputTest {

    private static final NodeId N1 = NodeId.of("n1");

    private final TransportFixture fixture = new TransportFixture();
    private Node server;

    @BeforeEach
    void start() {
        server = fixture.start("n2");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anHttpRequestIsAnOversizedFrame() throws Exception {
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.OVERSIZED);
    }

    @Test
    void randomGarbageIsRefused() throws Exception {
        byte[] garbage = new byte[64];
        new Random(11).nextBytes(garbage);
        garbage[0] = 0; // a small length prefix, so the garbage reaches the handshake rather than the size check
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 40;
        garbage[4] = 9; // no such frame kind
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendRaw(garbage);
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void anOversizedLengthIsRefusedBeforeAnyPayloadIsBuffered() throws Exception {
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendRaw(ByteBuffer.allocate(5).putInt(64 << 20).put(FrameKind.HELLO).array());
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.OVERSIZED);
    }

    @Test
    void anEmptyOrNegativeLengthIsMalformed() throws Exception {
        for (int length : new int[]{0, -1}) {
            try (RawPeer peer = new RawPeer(server.address())) {
                peer.sendRaw(ByteBuffer.allocate(8).putInt(length).putInt(0).array());
                assertThat(peer.closedByServer()).isTrue();
            }
        }
        // -1 reads as 4 GiB unsigned: too long, not malformed
        await().untilAsserted(() -> {
            assertThat(server.counters().rejectedFrames(RejectReason.MALFORMED)).isEqualTo(1);
            assertThat(server.counters().rejectedFrames(RejectReason.OVERSIZED)).isEqualTo(1);
        });
        assertThat(server.inbox).isEmpty();
    }

    @Test
    void aValidMessageFrameBeforeAuthenticationIsRefused() throws Exception {
        byte[] message = TransportFixture.CODEC.encode(new VoteResponse(0, N1, server.id, 1, true, false));
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendFrame(FrameKind.MESSAGE, message);
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.UNAUTHENTICATED);
        assertThat(server.counters().connectionsAuthenticated()).isZero();
    }

    @Test
    void aMessageSmuggledAfterABadHelloInTheSameWriteIsNotDelivered() throws Exception {
        byte[] message = TransportFixture.CODEC.encode(new VoteResponse(0, N1, server.id, 1, true, false));
        byte[] badHello = RawPeer.frame(FrameKind.HELLO, new byte[]{1, 2, 3});
        byte[] smuggled = RawPeer.frame(FrameKind.MESSAGE, message);
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendRaw(ByteBuffer.allocate(badHello.length + smuggled.length).put(badHello).put(smuggled).array());
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.MALFORMED);
    }

    @Test
    void aHelloInAnotherProtocolVersionFailsAuthentication() throws Exception {
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendFrame(FrameKind.HELLO, HandshakeFrames.hello(
                    new HandshakeFrames.Hello(2, "raft", N1, server.id, AuthTranscript.newNonce())));
            assertThat(peer.closedByServer()).isTrue();
        }
        await().until(() -> server.counters().authFailures() == 1);
        assertThat(server.inbox).isEmpty();
    }

    @Test
    void afterAuthenticationAMalformedMessageStillClosesTheConnection() throws Exception {
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.authenticate(N1, server.id, TransportFixture.SECRET);
            byte[] message = TransportFixture.CODEC.encode(new VoteResponse(0, N1, server.id, 1, true, false));
            message[message.length - 1] = 7; // the preVote boolean: 7 is neither 0 nor 1
            peer.sendFrame(FrameKind.MESSAGE, message);
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.MALFORMED);
        assertThat(server.counters().connectionsAuthenticated()).isEqualTo(1);
    }

    @Test
    void aValidMessageRightBehindARefusedOneInTheSameWriteIsNotDelivered() throws Exception {
        // Netty hands on frames already decoded from one read even after close(); the refusal mark must stop them
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.authenticate(N1, server.id, TransportFixture.SECRET);
            byte[] valid = TransportFixture.CODEC.encode(new VoteResponse(0, N1, server.id, 1, true, false));
            byte[] broken = valid.clone();
            broken[0] = 9; // unknown codec version
            byte[] both = ByteBuffer.allocate(2 * (5 + valid.length))
                    .put(RawPeer.frame(FrameKind.MESSAGE, broken)).put(RawPeer.frame(FrameKind.MESSAGE, valid)).array();
            peer.sendRaw(both);
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.MALFORMED);
    }

    @Test
    void afterAuthenticationAFrameOverTheMessageLimitIsOversized() throws Exception {
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.authenticate(N1, server.id, TransportFixture.SECRET);
            int tooLong = 2 + TransportFixture.CODEC.limits().maxFrameBytes();
            peer.sendRaw(ByteBuffer.allocate(5).putInt(tooLong).put(FrameKind.MESSAGE).array());
            assertThat(peer.closedByServer()).isTrue();
        }
        assertRefused(RejectReason.OVERSIZED);
    }

    private void assertRefused(RejectReason reason) {
        await().until(() -> server.counters().rejectedFrames(reason) == 1);
        assertThat(server.counters().rejectedFrames()).isEqualTo(1);
        assertThat(server.counters().messagesDelivered()).isZero();
        assertThat(server.inbox).isEmpty();
    }
}
