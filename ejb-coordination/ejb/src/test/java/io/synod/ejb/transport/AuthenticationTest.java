package io.synod.ejb.transport;

import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.NodeId;
import io.synod.core.paxos.PaxosMessage;
import io.synod.core.paxos.PaxosMessageCodec;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.core.raft.RaftMessage.VoteResponse;
import io.synod.ejb.transport.TransportFixture.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuthenticationTest {

    private final TransportFixture fixture = new TransportFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aPeerWithAnotherSecretDeliversNothingAndBothSidesCountIt() {
        Node good = fixture.start("n1");
        Node intruder = fixture.start("n2", 0, TransportFixture.OTHER_SECRET, UnaryOperator.identity());
        fixture.connectAll();

        intruder.transport.send(new VoteResponse(0, intruder.id, good.id, 99, true, false));
        good.transport.send(new VoteResponse(0, good.id, intruder.id, 1, true, false));

        await().untilAsserted(() -> {
            assertThat(good.counters().authFailures()).isGreaterThanOrEqualTo(2);     // as server and as client
            assertThat(intruder.counters().authFailures()).isGreaterThanOrEqualTo(2);
        });
        assertThat(good.counters().connectionsAuthenticated()).isZero();
        assertThat(intruder.counters().connectionsAuthenticated()).isZero();
        assertThat(good.inbox).isEmpty();
        assertThat(intruder.inbox).isEmpty();
        // the link keeps trying (with backoff) and tells the engine the peer is unreachable
        await().untilAsserted(() -> assertThat(intruder.unreachable).contains(good.id));
    }

    @Test
    void aRaftMemberAndAMultiPaxosMemberRefuseEachOther() {
        // the same secret: only the consensus protocol differs, and that alone must keep them apart
        Node raft = fixture.start("n1");
        Node paxos = fixture.start("n2", 0, TransportFixture.SECRET,
                PaxosMessageCodec.standalone(MessageLimits.DEFAULT), UnaryOperator.identity());
        fixture.connectAll();

        raft.transport.send(new VoteResponse(0, raft.id, paxos.id, 1, true, false));
        paxos.transport.send(new PaxosMessage.Nack(0, paxos.id, raft.id, 5, 9));

        await().untilAsserted(() -> {
            assertThat(raft.counters().authFailures()).isGreaterThanOrEqualTo(2);     // as server and as client
            assertThat(paxos.counters().authFailures()).isGreaterThanOrEqualTo(2);
        });
        assertThat(raft.counters().connectionsAuthenticated()).isZero();
        assertThat(paxos.counters().connectionsAuthenticated()).isZero();
        assertThat(raft.inbox).isEmpty();
        assertThat(paxos.inbox).isEmpty();
    }

    @Test
    void aReplayedHandshakeFromACapturedExchangeIsRefused() throws Exception {
        Node a = fixture.start("n1");
        Node b = fixture.start("n2");
        try (RecordingRelay relay = new RecordingRelay(b.address())) {
            a.transport.updatePeers(Map.of(b.id, relay.address()));
            Heartbeat heartbeat = new Heartbeat(0, a.id, b.id, 4, 10, 1, 100);
            a.transport.send(heartbeat);
            await().until(() -> b.inbox.size() == 1);
            byte[] captured = relay.clientToServerBytes(); // HELLO, PROOF and the MESSAGE, as a's link sent them

            try (RawPeer replay = new RawPeer(b.address())) {
                replay.sendRaw(captured);
                assertThat(replay.closedByServer()).isTrue();
            }
        }
        // b answered the replayed HELLO with a fresh nonce, so the old PROOF no longer fits
        await().until(() -> b.counters().authFailures() == 1);
        assertThat(b.inbox).hasSize(1);
        assertThat(b.counters().messagesDelivered()).isEqualTo(1);
    }

    @Test
    void aStaleAddressReachingAnotherNodeIsRefused() {
        Node a = fixture.start("n1");
        Node c = fixture.start("n3");
        // discovery is out of date: n2's old address now belongs to n3
        a.transport.updatePeers(Map.of(NodeId.of("n2"), c.address()));

        a.transport.send(new VoteResponse(0, a.id, NodeId.of("n2"), 1, true, false));

        await().untilAsserted(() -> {
            assertThat(c.counters().authFailures()).isPositive();
            assertThat(a.counters().authFailures()).isPositive();
        });
        assertThat(c.inbox).isEmpty();
    }

    @Test
    void anAuthenticatedPeerCannotSpeakForAnotherNode() throws Exception {
        Node b = fixture.start("n2");
        NodeId n3 = NodeId.of("n3");
        try (RawPeer peer = new RawPeer(b.address())) {
            peer.authenticate(n3, b.id, TransportFixture.SECRET);
            peer.sendFrame(FrameKind.MESSAGE, TransportFixture.CODEC.encode(new VoteResponse(0, n3, b.id, 1, true, false)));
            await().until(() -> b.inbox.size() == 1);

            peer.sendFrame(FrameKind.MESSAGE, TransportFixture.CODEC.encode(
                    new VoteResponse(0, NodeId.of("n1"), b.id, 1, true, false)));
            assertThat(peer.closedByServer()).isTrue();
        }
        await().until(() -> b.counters().rejectedFrames(RejectReason.MISADDRESSED) == 1);
        assertThat(b.inbox).hasSize(1);
        assertThat(b.inbox.get(0).from()).isEqualTo(n3);
    }

    @Test
    void proofsDependOnEveryPartOfTheTranscript() {
        byte[] nc = AuthTranscript.newNonce();
        byte[] ns = AuthTranscript.newNonce();
        AuthTranscript t = new AuthTranscript(1, "raft", NodeId.of("n1"), NodeId.of("n2"), nc, ns);
        byte[] client = t.clientProof(TransportFixture.SECRET);

        assertThat(client).hasSize(AuthTranscript.PROOF_BYTES);
        assertThat(AuthTranscript.matches(client, t.clientProof(TransportFixture.SECRET))).isTrue();
        assertThat(t.serverProof(TransportFixture.SECRET)).isNotEqualTo(client); // no reflection
        assertThat(t.clientProof(TransportFixture.OTHER_SECRET)).isNotEqualTo(client);
        assertThat(new AuthTranscript(2, "raft", t.clientId(), t.serverId(), nc, ns).clientProof(TransportFixture.SECRET))
                .isNotEqualTo(client);
        assertThat(new AuthTranscript(1, "multipaxos", t.clientId(), t.serverId(), nc, ns).clientProof(TransportFixture.SECRET))
                .isNotEqualTo(client);
        assertThat(new AuthTranscript(1, "raft", NodeId.of("n3"), t.serverId(), nc, ns).clientProof(TransportFixture.SECRET))
                .isNotEqualTo(client);
        assertThat(new AuthTranscript(1, "raft", t.clientId(), NodeId.of("n3"), nc, ns).clientProof(TransportFixture.SECRET))
                .isNotEqualTo(client);
        assertThat(new AuthTranscript(1, "raft", t.clientId(), t.serverId(), ns, nc).clientProof(TransportFixture.SECRET))
                .isNotEqualTo(client);
        assertThat(AuthTranscript.newNonce()).isNotEqualTo(nc);
    }
}
