package io.synod.ejb.transport;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KeyValue;
import io.synod.ejb.transport.ClientFrame.Verdict;
import io.synod.ejb.transport.TransportFixture.Node;
import io.synod.ejb.transport.TransportFixture.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Forwarded client requests and replies: carried both ways on authenticated links; malformed ones refused. */
class ClientFramesTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final ClientFrameCodec CODEC = new ClientFrameCodec(MessageLimits.DEFAULT);
    private static final KeyValue KV = new KeyValue("cfg/a", new byte[]{1, 2}, 3, 5, 2, OptionalLong.of(99));

    private final TransportFixture fixture = new TransportFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void everyFrameTypeCrossesTheLinkWithItsProvenSender() {
        Node follower = fixture.start("n1");
        Node leader = fixture.start("n2");
        fixture.connectAll();
        var write = new ClientFrame.WriteRequest(7, ClientId.of("n1/abc/1"), 4, ServiceId.KV, new byte[]{9, 8, 7});
        var read = new ClientFrame.ReadRequest(8, "cfg/a", true);

        follower.transport.send(leader.id, write);
        follower.transport.send(leader.id, read);
        leader.transport.send(follower.id, new ClientFrame.WriteReply(7, new byte[]{5}));
        leader.transport.send(follower.id, new ClientFrame.ReadReply(8, Optional.of(KV)));
        leader.transport.send(follower.id, new ClientFrame.Refusal(9, Verdict.NOT_PROPOSED, Optional.of(N1), "moved"));

        await().until(() -> leader.clientInbox.size() == 2 && follower.clientInbox.size() == 3);
        assertThat(leader.clientInbox).extracting(Received::from).containsOnly(follower.id);
        var w = (ClientFrame.WriteRequest) leader.clientInbox.get(0).frame();
        assertThat(List.of(w.correlation(), w.sequence())).containsExactly(7L, 4L);
        assertThat(w.client()).isEqualTo(write.client());
        assertThat(w.payload()).containsExactly(9, 8, 7);
        assertThat(leader.clientInbox.get(1).frame()).isEqualTo(read);
        assertThat(((ClientFrame.WriteReply) follower.clientInbox.get(0).frame()).result()).containsExactly(5);
        assertThat(follower.clientInbox.get(1).frame()).isEqualTo(new ClientFrame.ReadReply(8, Optional.of(KV)));
        assertThat(follower.clientInbox.get(2).frame())
                .isEqualTo(new ClientFrame.Refusal(9, Verdict.NOT_PROPOSED, Optional.of(N1), "moved"));
        assertThat(leader.counters().clientFramesDelivered()).isEqualTo(2);
        assertThat(leader.counters().rejectedFrames() + follower.counters().rejectedFrames()).isZero();
    }

    @Test
    void anOversizedPayloadIsDroppedAtTheSenderAndTheLinkSurvives() {
        Node a = fixture.start("n1");
        Node b = fixture.start("n2");
        fixture.connectAll();
        byte[] huge = new byte[MessageLimits.DEFAULT.maxEntryBytes() + 1];

        a.transport.send(b.id, new ClientFrame.WriteRequest(1, ClientId.of("c"), 1, ServiceId.KV, huge));
        a.transport.send(b.id, new ClientFrame.ReadRequest(2, "k", false));

        await().until(() -> b.clientInbox.size() == 1);
        assertThat(b.clientInbox.get(0).frame().correlation()).isEqualTo(2);
        assertThat(a.counters().droppedMessages(DropReason.TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void theCodecRefusesWhatNoPeerSends() {
        byte[] request = CODEC.encode(new ClientFrame.ReadRequest(1, "k", false));
        byte[] reply = CODEC.encode(new ClientFrame.WriteReply(1, new byte[0]));

        assertMalformed(FrameKind.CLIENT_REPLY, request, "in a CLIENT_REPLY frame");
        assertMalformed(FrameKind.CLIENT_REQUEST, reply, "in a CLIENT_REQUEST frame");
        assertMalformed(FrameKind.CLIENT_REQUEST, with(request, 0, 2), "unsupported version 2");
        assertMalformed(FrameKind.CLIENT_REQUEST, with(request, 1, 42), "unknown type 42");
        assertMalformed(FrameKind.CLIENT_REQUEST, append(request, (byte) 0), "trailing bytes");
        assertMalformed(FrameKind.CLIENT_REQUEST, with(request, request.length - 1, 2), "boolean");
        byte[] write = CODEC.encode(new ClientFrame.WriteRequest(1, ClientId.of("c"), 1, ServiceId.KV, new byte[0]));
        // version, type, correlation (8), client length (4) + "c", sequence (8): then the service code
        assertMalformed(FrameKind.CLIENT_REQUEST, with(write, 1 + 1 + 8 + 4 + 1 + 8, 99), "unknown service 99");
        byte[] zeroSequence = write.clone();
        ByteBuffer.wrap(zeroSequence).putLong(1 + 1 + 8 + 4 + 1, 0);
        assertMalformed(FrameKind.CLIENT_REQUEST, zeroSequence, "write.sequence");
        byte[] refusal = CODEC.encode(new ClientFrame.Refusal(1, Verdict.UNKNOWN, Optional.empty(), ""));
        assertMalformed(FrameKind.CLIENT_REPLY, with(refusal, 1 + 1 + 8, 77), "unknown verdict 77");
    }

    @Test
    void aMalformedClientFrameAfterAuthenticationClosesTheConnectionAndIsCounted() throws Exception {
        Node server = fixture.start("n2");
        byte[] bad = with(CODEC.encode(new ClientFrame.ReadRequest(1, "k", false)), 1, 42);
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.authenticate(N1, server.id, TransportFixture.SECRET);
            peer.sendFrame(FrameKind.CLIENT_REQUEST, bad);
            assertThat(peer.closedByServer()).isTrue();
        }
        await().until(() -> server.counters().rejectedFrames(RejectReason.MALFORMED) == 1);
        assertThat(server.clientInbox).isEmpty();
        assertThat(server.counters().clientFramesDelivered()).isZero();
    }

    @Test
    void aValidRequestBehindAMalformedOneInTheSameWriteIsNotDelivered() throws Exception {
        Node server = fixture.start("n2");
        byte[] valid = CODEC.encode(new ClientFrame.WriteRequest(1, ClientId.of("c"), 1, ServiceId.KV, new byte[3]));
        byte[] reply = CODEC.encode(new ClientFrame.WriteReply(2, new byte[0]));
        byte[] both = ByteBuffer.allocate(10 + valid.length + reply.length)
                .put(RawPeer.frame(FrameKind.CLIENT_REQUEST, reply)).put(RawPeer.frame(FrameKind.CLIENT_REQUEST, valid))
                .array();
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.authenticate(N1, server.id, TransportFixture.SECRET);
            peer.sendRaw(both);
            assertThat(peer.closedByServer()).isTrue();
        }
        await().until(() -> server.counters().rejectedFrames(RejectReason.MALFORMED) == 1);
        assertThat(server.clientInbox).isEmpty();
    }

    @Test
    void aClientFrameBeforeAuthenticationIsRefused() throws Exception {
        Node server = fixture.start("n2");
        try (RawPeer peer = new RawPeer(server.address())) {
            peer.sendFrame(FrameKind.CLIENT_REQUEST, CODEC.encode(new ClientFrame.ReadRequest(1, "k", false)));
            assertThat(peer.closedByServer()).isTrue();
        }
        await().until(() -> server.counters().rejectedFrames(RejectReason.UNAUTHENTICATED) == 1);
        assertThat(server.clientInbox).isEmpty();
    }

    private static void assertMalformed(byte kind, byte[] bytes, String why) {
        assertThatThrownBy(() -> CODEC.decode(kind, bytes)).isInstanceOf(CodecException.class).hasMessageContaining(why);
    }

    private static byte[] with(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] append(byte[] bytes, byte extra) {
        return ByteBuffer.allocate(bytes.length + 1).put(bytes).put(extra).array();
    }
}
