package io.synod.ejb.runtime;

import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessageCodec;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvCommandCodec;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvResultCodec;
import io.synod.ejb.transport.ClientFrame;
import io.synod.ejb.transport.ClientFrame.Verdict;
import io.synod.ejb.transport.PeerTransport;
import io.synod.ejb.transport.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.synod.ejb.runtime.RuntimeCluster.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries made by hand, frame by frame: an authenticated peer (a bare transport standing where a follower's
 * runtime would) sends the leader the very frames a forwarding follower sends, repeats them as a retry would —
 * to the same leader and to a new one after a transfer — and looks at the replies and at the store.
 */
class ForwardedRetryTest {

    private static final List<NodeId> ALL = List.of(id("n1"), id("n2"), id("n3"));
    private static final NodeId FORWARDER = id("n9");

    @TempDir
    Path dir;

    private RuntimeCluster cluster;
    private PeerTransport forwarder;
    private final Map<Long, ClientFrame> replies = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        cluster = RuntimeCluster.ofThree(dir, 10_000).startAll();
        TransportSettings settings = TransportSettings.defaults(FORWARDER, new InetSocketAddress("127.0.0.1", 0),
                RuntimeCluster.SECRET);
        forwarder = PeerTransport.start(settings, RaftMessageCodec.standalone(MessageLimits.DEFAULT), m -> { },
                p -> { }, (from, frame) -> replies.put(frame.correlation(), frame), Thread::new);
        Map<NodeId, InetSocketAddress> addresses = new HashMap<>();
        ALL.forEach(n -> addresses.put(n, cluster.get(n).transportAddress()));
        addresses.put(FORWARDER, forwarder.localAddress());
        ALL.forEach(n -> cluster.get(n).updatePeers(addresses));
        forwarder.updatePeers(addresses);
    }

    @AfterEach
    void stop() {
        forwarder.close();
        cluster.close();
    }

    @Test
    void aRetriedWriteIsAnsweredFromTheDuplicateFilterAtTheSameAndAtANewLeader() throws Exception {
        NodeRuntime leader = cluster.awaitLeader();
        ClientId client = ClientId.of("n9/retry-test/1");
        byte[] payload = KvCommandCodec.encode(put("once", "first"));

        KvResult.Put applied = (KvResult.Put) result(send(leader.id(), 1, client, 1, payload));
        KvResult.Put retried = (KvResult.Put) result(send(leader.id(), 2, client, 1, payload));
        NodeId successor = ALL.stream().filter(n -> !n.equals(leader.id())).findFirst().orElseThrow();
        leader.transferLeadership(successor).get(10, TimeUnit.SECONDS);
        await().until(() -> cluster.awaitLeader().id().equals(successor));
        // the successor learned the session from the replicated log: the same answer, nothing applied again
        KvResult.Put atNewLeader = (KvResult.Put) result(send(successor, 3, client, 1, payload));

        assertThat(retried).isEqualTo(applied);
        assertThat(atNewLeader).isEqualTo(applied);
        assertThat(cluster.readLinearizable("once")).contains("first");
        KvResult.Put next = cluster.put("next", "x");
        assertThat(next.revision()).as("the three attempts made one revision").isEqualTo(applied.revision() + 1);
    }

    @Test
    void aRetryOfAnOlderSequenceIsIndeterminateNeverASilentDuplicate() throws Exception {
        NodeRuntime leader = cluster.awaitLeader();
        ClientId client = ClientId.of("n9/stale-test/1");
        result(send(leader.id(), 1, client, 1, KvCommandCodec.encode(put("a", "1"))));
        result(send(leader.id(), 2, client, 2, KvCommandCodec.encode(put("b", "2"))));

        ClientFrame late = send(leader.id(), 3, client, 1, KvCommandCodec.encode(put("a", "1")));

        assertThat(late).isInstanceOf(ClientFrame.Refusal.class);
        assertThat(((ClientFrame.Refusal) late).verdict()).isEqualTo(Verdict.INDETERMINATE);
        KvResult.Put next = cluster.put("next", "x");
        assertThat(next.revision()).as("only a and b were applied").isEqualTo(3);
    }

    @Test
    void aForwardedWriteTheLeaderCannotDecodeIsRefusedAndChangesNothing() throws Exception {
        NodeRuntime leader = cluster.awaitLeader();
        long lastIndex = leader.status().lastIndex();

        ClientFrame refused = send(leader.id(), 1, ClientId.of("n9/bad/1"), 1, new byte[]{1, 2, 3});
        ClientFrame notLeader = send(ALL.stream().filter(n -> !n.equals(leader.id())).findFirst().orElseThrow(), 2,
                ClientId.of("n9/bad/2"), 1, KvCommandCodec.encode(put("k", "v")));

        assertThat(((ClientFrame.Refusal) refused).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(((ClientFrame.Refusal) notLeader).verdict()).isEqualTo(Verdict.NOT_PROPOSED);
        assertThat(((ClientFrame.Refusal) notLeader).leaderHint()).contains(leader.id());
        assertThat(leader.status().lastIndex()).as("nothing proposed").isEqualTo(lastIndex);
        assertThat(cluster.readLinearizable("k")).isEmpty();
    }

    private ClientFrame send(NodeId to, long correlation, ClientId client, long sequence, byte[] payload) {
        forwarder.send(to, new ClientFrame.WriteRequest(correlation, client, sequence, ServiceId.KV, payload));
        return await("reply " + correlation).until(() -> replies.get(correlation), r -> r != null);
    }

    private static KvResult result(ClientFrame reply) throws Exception {
        assertThat(reply).isInstanceOf(ClientFrame.WriteReply.class);
        return KvResultCodec.decode(((ClientFrame.WriteReply) reply).result());
    }

    private static KvCommand.Put put(String key, String value) {
        return new KvCommand.Put(key, value.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }
}
