package io.synod.ejb.transport;

import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ServiceId;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeSettings;
import io.synod.ejb.runtime.RuntimeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile forwarded frames sent to a running leader's real transport by a peer that knows the secret: each is
 * refused and counted, and the leader's log and term are untouched.
 */
class ForwardedHostileFramesTest {

    private static final NodeId LEADER = NodeId.of("n1");
    private static final NodeId PEER = NodeId.of("n2");
    private static final ClientFrameCodec CODEC = new ClientFrameCodec(MessageLimits.DEFAULT);

    @TempDir
    Path dir;

    private NodeRuntime leader;
    private RuntimeStatus before;

    @BeforeEach
    void start() throws Exception {
        TransportSettings transport = TransportSettings.defaults(LEADER, new InetSocketAddress("127.0.0.1", 0),
                TransportFixture.SECRET).withHandshakeTimeout(Duration.ofSeconds(15));
        leader = NodeRuntime.start(RuntimeSettings.defaults(LEADER, dir, transport, Set.of(LEADER))
                .withTick(Duration.ofMillis(20)), r -> {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                });
        await().until(() -> leader.status().isLeader() && leader.status().appliedIndex() > 0);
        before = leader.status();
    }

    @AfterEach
    void stop() {
        leader.close();
    }

    @Test
    void aRequestWithAnUnknownServiceIsRefusedAsMalformed() throws Exception {
        byte[] write = CODEC.encode(new ClientFrame.WriteRequest(1, ClientId.of("x"), 1, ServiceId.KV, new byte[0]));
        write[1 + 1 + 8 + 4 + 1 + 8] = 99; // the service code

        sendAfterAuthenticating(RawPeer.frame(FrameKind.CLIENT_REQUEST, write));

        assertRefusedAndUntouched(RejectReason.MALFORMED);
    }

    @Test
    void aPayloadLengthBeyondTheEntryLimitIsRefusedAsMalformed() throws Exception {
        byte[] write = CODEC.encode(new ClientFrame.WriteRequest(1, ClientId.of("x"), 1, ServiceId.KV, new byte[0]));
        // the payload length field is the last 4 bytes of an empty payload: claim one byte over the limit
        ByteBuffer.wrap(write).putInt(write.length - 4, MessageLimits.DEFAULT.maxEntryBytes() + 1);

        sendAfterAuthenticating(RawPeer.frame(FrameKind.CLIENT_REQUEST, write));

        assertRefusedAndUntouched(RejectReason.MALFORMED);
    }

    @Test
    void aReplyNobodyAskedForInARequestFrameIsRefused() throws Exception {
        byte[] reply = CODEC.encode(new ClientFrame.WriteReply(77, new byte[]{1}));

        sendAfterAuthenticating(RawPeer.frame(FrameKind.CLIENT_REQUEST, reply));

        assertRefusedAndUntouched(RejectReason.MALFORMED);
    }

    @Test
    void aFrameOverTheLimitIsRefusedAsOversized() throws Exception {
        int tooLong = 2 + MessageLimits.DEFAULT.maxFrameBytes();

        sendAfterAuthenticating(ByteBuffer.allocate(5).putInt(tooLong).put(FrameKind.CLIENT_REQUEST).array());

        assertRefusedAndUntouched(RejectReason.OVERSIZED);
    }

    private void sendAfterAuthenticating(byte[] bytes) throws Exception {
        try (RawPeer peer = new RawPeer(leader.transportAddress())) {
            peer.authenticate(PEER, LEADER, TransportFixture.SECRET);
            peer.sendRaw(bytes);
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    private void assertRefusedAndUntouched(RejectReason reason) {
        await().until(() -> leader.transportCounters().rejectedFrames(reason) == 1);
        assertThat(leader.transportCounters().clientFramesDelivered()).isZero();
        RuntimeStatus after = leader.status();
        assertThat(after.term()).isEqualTo(before.term());
        assertThat(after.lastIndex()).as("nothing proposed").isEqualTo(before.lastIndex());
        assertThat(after.isLeader()).isTrue();
    }
}
