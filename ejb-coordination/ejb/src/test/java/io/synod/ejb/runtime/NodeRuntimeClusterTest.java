package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.synod.ejb.runtime.RuntimeCluster.id;
import static io.synod.ejb.runtime.RuntimeCluster.readLocal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Three real runtimes in one JVM: real TCP, real log directories, real threads; every scenario on each consensus
 * engine ({@code synod.protocol}), since the runtime must not care which one it hosts.
 */
class NodeRuntimeClusterTest {

    private static final List<NodeId> ALL = List.of(id("n1"), id("n2"), id("n3"));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void electsALeaderWhoseWritesAreReadLinearizablyAndReachEveryLocalView(ConsensusProtocol protocol) {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000, protocol).startAll()) {
            NodeRuntime leader = cluster.awaitLeader();
            KvResult.Put put = cluster.put("cfg/colour", "blue");

            assertThat(put.revision()).isPositive();
            assertThat(cluster.readLinearizable("cfg/colour")).contains("blue");
            assertThat(cluster.readLinearizable("cfg/absent")).isEmpty();
            // LOCAL may lag: only assert that every member converges
            for (NodeId n : ALL) {
                await().until(() -> readLocal(cluster.get(n), "cfg/colour"), Optional.of("blue")::equals);
            }
            assertThat(leader.metrics().proposalLatency().count()).isPositive();
            assertThat(leader.metrics().fsyncs()).isPositive();
            assertThat(leader.metrics().entriesSynced()).as("the no-op and the put").isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void writesContinueAfterTheLeaderStopsAndTheStoppedNodeCatchesUpOnRestart(ConsensusProtocol protocol) throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000, protocol).startAll()) {
            NodeRuntime first = cluster.awaitLeader();
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String key = "w" + writer + "/" + i;
                        String value = "v" + i;
                        cluster.tryPut(key, value).ifPresent(p -> acknowledged.put(key, value));
                    }
                    return null;
                });
            }
            await().until(() -> acknowledged.size() >= 40);
            cluster.stop(first.id());
            int beforeFailover = acknowledged.size();

            NodeRuntime second = cluster.awaitLeader();
            await().until(() -> acknowledged.size() >= beforeFailover + 40);
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(second.id()).isNotEqualTo(first.id());
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                assertThat(cluster.readLinearizable(e.getKey())).as(e.getKey()).contains(e.getValue());
            }
            NodeRuntime restarted = cluster.start(first.id());
            long target = second.status().commitIndex();
            await().until(() -> restarted.status().appliedIndex() >= target);
            acknowledged.forEach((k, v) -> assertThat(readLocal(restarted, k)).as(k).contains(v));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void aNodeRestartedAfterTheOthersCompactedCatchesUpThroughInstallSnapshot(ConsensusProtocol protocol) {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 5, protocol).startAll()) {
            NodeRuntime leader = cluster.awaitLeader();
            cluster.put("before", "0");
            NodeId lagging = ALL.stream().filter(n -> !n.equals(leader.id())).findFirst().get();
            await().until(() -> readLocal(cluster.get(lagging), "before").isPresent());
            long laggingLast = cluster.get(lagging).status().lastIndex();
            cluster.stop(lagging);

            for (int i = 0; i < 30; i++) {
                cluster.put("k" + i, "v" + i);
            }
            // every running member compacted past what the stopped one has: only a snapshot can catch it up
            for (NodeId n : cluster.runningIds()) {
                await().until(() -> cluster.get(n).status().firstIndex() > laggingLast + 1);
            }
            NodeRuntime restarted = cluster.start(lagging);

            await().until(() -> readLocal(restarted, "k29").isPresent());
            assertThat(restarted.metrics().snapshotsInstalled()).isPositive();
            for (int i = 0; i < 30; i++) {
                assertThat(readLocal(restarted, "k" + i)).contains("v" + i);
            }
            assertThat(readLocal(restarted, "before")).contains("0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void aFullClusterStopAndStartKeepsEveryWrite(ConsensusProtocol protocol) {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 4, protocol).startAll()) {
            cluster.awaitLeader();
            for (int i = 0; i < 15; i++) {
                cluster.put("k" + i, "v" + i);
            }
            cluster.stopAll();

            cluster.startAll();
            cluster.awaitLeader();
            for (int i = 0; i < 15; i++) {
                assertThat(cluster.readLinearizable("k" + i)).contains("v" + i);
            }
            cluster.put("after", "restart");
            assertThat(cluster.readLinearizable("after")).contains("restart");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void aMemberWithTheWrongSecretNeverJoinsAndTheOthersCarryOn(ConsensusProtocol protocol) {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000, protocol)) {
            cluster.start(id("n1"));
            cluster.start(id("n2"));
            NodeRuntime outsider = cluster.start(id("n3"), RuntimeCluster.WRONG_SECRET);
            NodeRuntime leader = cluster.awaitLeader(List.of(id("n1"), id("n2")));
            cluster.put("k", "v");
            // the outsider tried both ways and was refused both ways
            for (NodeId n : List.of(id("n1"), id("n2"))) {
                await().until(() -> cluster.get(n).transportCounters().authFailures() > 0);
            }
            await().until(() -> outsider.transportCounters().authFailures() > 0);
            cluster.put("k2", "v2");

            assertThat(leader.id()).isNotEqualTo(id("n3"));
            assertThat(outsider.status().leader()).isEmpty();
            assertThat(outsider.status().appliedIndex()).isZero();
            if (protocol == ConsensusProtocol.RAFT) {
                assertThat(outsider.status().term()).as("pre-vote: an isolated member never raises the term").isZero();
            } // a Paxos proposer picks higher ballots on its own; nobody promises them, so nothing changes elsewhere
            assertThat(readLocal(outsider, "k")).isEmpty();
            assertThat(cluster.readLinearizable("k2")).contains("v2");
        }
    }
    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void aMemberRunningTheOtherProtocolNeverJoinsAndTheOthersCarryOn(ConsensusProtocol protocol) {
        ConsensusProtocol other = protocol == ConsensusProtocol.RAFT ? ConsensusProtocol.MULTIPAXOS : ConsensusProtocol.RAFT;
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000, protocol)) {
            cluster.start(id("n1"));
            cluster.start(id("n2"));
            NodeRuntime outsider = cluster.start(id("n3"), RuntimeCluster.SECRET, s -> s.withProtocol(other));
            cluster.awaitLeader(List.of(id("n1"), id("n2")));
            cluster.put("k", "v");
            // the same secret: the handshake refuses the other protocol, both ways
            for (NodeId n : List.of(id("n1"), id("n2"))) {
                await().until(() -> cluster.get(n).transportCounters().authFailures() > 0);
            }
            await().until(() -> outsider.transportCounters().authFailures() > 0);

            assertThat(outsider.transportCounters().connectionsAuthenticated()).isZero();
            assertThat(outsider.status().leader()).isEmpty();
            assertThat(readLocal(outsider, "k")).isEmpty();
            assertThat(cluster.readLinearizable("k")).contains("v");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void aWriteTheLeaderCannotCommitBeforeItLosesItsQuorumEndsIndeterminate(ConsensusProtocol protocol) {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000, protocol).startAll()) {
            NodeRuntime leader = cluster.awaitLeader();
            cluster.put("k", "v");
            ALL.stream().filter(n -> !n.equals(leader.id())).forEach(cluster::stop);

            var put = new KvCommand.Put("k", "maybe".getBytes(StandardCharsets.UTF_8), Optional.empty());
            Throwable outcome = catchThrowable(() -> leader.submit(put).get(30, TimeUnit.SECONDS));

            // check-quorum deposes the isolated leader; it cannot know whether a successor will commit the entry
            assertThat(outcome).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IndeterminateOutcomeException.class);
            await().until(() -> !leader.status().isLeader()); // the status is published after the step
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void leadershipMovesOnRequestAndTheNewLeaderServesLeaseReads(ConsensusProtocol protocol) throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000, protocol).startAll()) {
            NodeRuntime leader = cluster.awaitLeader();
            cluster.put("k", "v");
            NodeId target = ALL.stream().filter(n -> !n.equals(leader.id())).findFirst().get();

            leader.transferLeadership(target).get(10, TimeUnit.SECONDS);

            await().until(() -> cluster.awaitLeader().id().equals(target));
            NodeRuntime successor = cluster.get(target);
            assertThat(successor.read("k", ReadConsistency.LEASE).get(10, TimeUnit.SECONDS)
                    .map(RuntimeCluster::text)).contains("v");
            assertThat(successor.metrics().leaderChanges()).isPositive();
        }
    }
}
