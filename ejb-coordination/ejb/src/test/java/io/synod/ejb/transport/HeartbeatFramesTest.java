package io.synod.ejb.transport;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * HEARTBEAT frames: the codec's bounds, delivery with the proven sender between real transports, and hostile
 * heartbeat frames from an authenticated peer refused (counted as malformed, connection closed, nothing heard).
 */
class HeartbeatFramesTest {

    private final TransportFixture fixture = new TransportFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aHeartbeatSurvivesTheRoundTrip() throws Exception {
        byte[] encoded = HeartbeatCodec.encode(new Heartbeat(42));

        assertThat(encoded).hasSize(HeartbeatCodec.LENGTH);
        assertThat(HeartbeatCodec.decode(encoded)).isEqualTo(new Heartbeat(42));
    }

    @Test
    void anythingButExactlyVersionAndSequenceIsMalformed() {
        byte[] good = HeartbeatCodec.encode(new Heartbeat(7));
        byte[] trailing = ByteBuffer.allocate(good.length + 1).put(good).put((byte) 0).array();
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 9;
        byte[] negative = ByteBuffer.allocate(HeartbeatCodec.LENGTH).put((byte) HeartbeatCodec.VERSION).putLong(-1).array();

        assertThatThrownBy(() -> HeartbeatCodec.decode(new byte[0])).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> HeartbeatCodec.decode(trailing)).isInstanceOf(CodecException.class)
                .hasMessageContaining("expected " + HeartbeatCodec.LENGTH);
        assertThatThrownBy(() -> HeartbeatCodec.decode(wrongVersion)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> HeartbeatCodec.decode(negative)).isInstanceOf(CodecException.class);
    }

    @Test
    void heartbeatsReachTheListenerWithTheProvenSender() {
        TransportFixture.Node a = fixture.start("a");
        TransportFixture.Node b = fixture.start("b");
        List<NodeId> heardByB = new CopyOnWriteArrayList<>();
        b.transport.onHeartbeats((from, heartbeat) -> heardByB.add(from));
        fixture.connectAll();
        await().until(() -> a.transport.authenticatedPeers().contains(b.id));

        assertThat(a.transport.peers()).containsExactly(b.id);
        a.transport.sendHeartbeat(b.id, new Heartbeat(1));
        a.transport.sendHeartbeat(NodeId.of("nobody"), new Heartbeat(1)); // unknown peer: silently nothing

        await().until(() -> heardByB.size() == 1);
        assertThat(heardByB).containsExactly(a.id);
        assertThat(b.counters().rejectedFrames(RejectReason.MALFORMED)).isZero();
    }

    @Test
    void aMalformedHeartbeatFromAnAuthenticatedPeerIsRefused() throws Exception {
        TransportFixture.Node server = fixture.start("server");
        List<NodeId> heard = new CopyOnWriteArrayList<>();
        server.transport.onHeartbeats((from, heartbeat) -> heard.add(from));
        byte[] tooLong = ByteBuffer.allocate(HeartbeatCodec.LENGTH + 4).put((byte) HeartbeatCodec.VERSION)
                .putLong(1).putInt(0).array();

        try (RawPeer peer = new RawPeer(server.address())) {
            peer.authenticate(NodeId.of("intruder"), server.id, TransportFixture.SECRET);
            peer.sendRaw(RawPeer.frame(FrameKind.HEARTBEAT, tooLong));
            assertThat(peer.closedByServer()).isTrue();
        }

        await().until(() -> server.counters().rejectedFrames(RejectReason.MALFORMED) == 1);
        assertThat(heard).isEmpty();
    }

    @Test
    void aHeartbeatBeforeAuthenticationIsRefused() throws Exception {
        TransportFixture.Node server = fixture.start("server");
        List<NodeId> heard = new CopyOnWriteArrayList<>();
        server.transport.onHeartbeats((from, heartbeat) -> heard.add(from));

        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendRaw(RawPeer.frame(FrameKind.HEARTBEAT, HeartbeatCodec.encode(new Heartbeat(1))));
            assertThat(peer.closedByServer()).isTrue();
        }

        assertThat(heard).isEmpty();
    }
}
