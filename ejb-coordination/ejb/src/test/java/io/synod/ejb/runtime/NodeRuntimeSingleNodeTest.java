package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.synod.ejb.runtime.RuntimeCluster.id;
import static io.synod.ejb.runtime.RuntimeCluster.readLocal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** One voter on its own: its own quorum, so storage, restart and lifecycle can be examined in isolation. */
class NodeRuntimeSingleNodeTest {

    private static final NodeId SOLO = id("solo");

    @TempDir
    Path dir;

    private RuntimeCluster solo(long snapshotEntries) {
        return new RuntimeCluster(dir, Set.of(SOLO), s -> s.withSnapshotEntries(snapshotEntries));
    }

    @Test
    void aRestartRestoresTheNewestSnapshotAndReappliesTheLogAfterIt() {
        long appliedBefore;
        try (RuntimeCluster cluster = solo(4)) {
            NodeRuntime node = cluster.start(SOLO);
            cluster.awaitLeader();
            for (int i = 0; i < 10; i++) {
                cluster.put("k" + i, "v" + i);
            }
            await().until(() -> node.status().snapshotIndex() > 0);
            appliedBefore = node.status().appliedIndex();
            assertThat(node.status().snapshotIndex()).as("some entries live only in the log").isLessThan(appliedBefore);
            cluster.stop(SOLO);

            NodeRuntime restarted = cluster.start(SOLO);
            assertThat(restarted.status().snapshotIndex()).isPositive();
            await().until(() -> restarted.status().appliedIndex() >= appliedBefore);
            for (int i = 0; i < 10; i++) {
                assertThat(readLocal(restarted, "k" + i)).contains("v" + i);
            }
        }
    }

    @Test
    void snapshotNowSnapshotsAtTheAppliedIndexAndSurvivesARestart() throws Exception {
        try (RuntimeCluster cluster = solo(1_000_000)) {
            NodeRuntime node = cluster.start(SOLO);
            cluster.awaitLeader();
            for (int i = 0; i < 5; i++) {
                cluster.put("k" + i, "v" + i);
            }
            await().until(() -> node.status().appliedIndex() == node.status().commitIndex());
            assertThat(node.status().snapshotIndex()).as("far below the threshold").isZero();
            long applied = node.status().appliedIndex();

            long taken = node.snapshotNow().get(30, TimeUnit.SECONDS);
            assertThat(taken).isEqualTo(applied);
            await().until(() -> node.status().snapshotIndex() == applied);
            assertThat(node.snapshotNow().get(30, TimeUnit.SECONDS)).as("nothing new applied: the same snapshot")
                    .isEqualTo(applied);
            cluster.stop(SOLO);

            NodeRuntime restarted = cluster.start(SOLO);
            assertThat(restarted.status().snapshotIndex()).isEqualTo(applied);
            for (int i = 0; i < 5; i++) {
                assertThat(readLocal(restarted, "k" + i)).contains("v" + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConsensusProtocol.class)
    void aDataDirectoryWrittenByOneProtocolIsRefusedByTheOtherAndLeftAlone(ConsensusProtocol protocol) throws Exception {
        ConsensusProtocol other = protocol == ConsensusProtocol.RAFT ? ConsensusProtocol.MULTIPAXOS : ConsensusProtocol.RAFT;
        Path logDir = dir.resolve(SOLO.value());
        try (RuntimeCluster cluster = new RuntimeCluster(dir, Set.of(SOLO), s -> s.withProtocol(protocol))) {
            cluster.start(SOLO);
            cluster.awaitLeader();
            cluster.put("k", "v");
            cluster.stop(SOLO);
            byte[] hardStateBefore = Files.readAllBytes(logDir.resolve("hardstate"));

            Throwable refused = catchThrowable(() -> cluster.start(SOLO, RuntimeCluster.SECRET, s -> s.withProtocol(other)));

            assertThat(refused).isInstanceOf(UncheckedIOException.class).cause()
                    .isInstanceOf(ProtocolMismatchException.class)
                    .hasMessageContaining("'" + protocol.configName() + "'")
                    .hasMessageContaining("synod.protocol is '" + other.configName() + "'");
            assertThat(Files.readAllBytes(logDir.resolve("hardstate"))).as("nothing written").isEqualTo(hardStateBefore);
            assertThat(Files.readString(logDir.resolve(ProtocolMarker.FILE)).trim()).isEqualTo(protocol.configName());

            NodeRuntime again = cluster.start(SOLO); // the right protocol still resumes
            cluster.awaitLeader();
            assertThat(readLocal(again, "k")).contains("v");
        }
    }

    @Test
    void aDirectoryWithStateButNoMarkerPredatesTheChoiceAndIsRaft() throws Exception {
        Path logDir = dir.resolve(SOLO.value());
        try (RuntimeCluster cluster = solo(10_000)) {
            cluster.start(SOLO);
            cluster.awaitLeader();
            cluster.put("k", "v");
            cluster.stop(SOLO);
            Files.delete(logDir.resolve(ProtocolMarker.FILE)); // as written before synod.protocol existed

            Throwable refused = catchThrowable(() -> cluster.start(SOLO, RuntimeCluster.SECRET,
                    s -> s.withProtocol(ConsensusProtocol.MULTIPAXOS)));
            assertThat(refused).cause().isInstanceOf(ProtocolMismatchException.class);

            NodeRuntime raft = cluster.start(SOLO);
            cluster.awaitLeader();
            assertThat(readLocal(raft, "k")).contains("v");
            assertThat(Files.readString(logDir.resolve(ProtocolMarker.FILE)).trim()).isEqualTo("raft");
        }
    }

    @Test
    void anInvalidCommandFailsBeforeAnythingIsProposed() {
        try (RuntimeCluster cluster = solo(10_000)) {
            NodeRuntime node = cluster.start(SOLO);
            cluster.awaitLeader();
            cluster.put("k", "v");
            long last = node.status().lastIndex();
            String tooLong = "x".repeat(64 * 1024 + 1);

            Throwable write = catchThrowable(() -> node.submit(
                    new KvCommand.Put(tooLong, new byte[1], Optional.empty())).get(10, TimeUnit.SECONDS));
            Throwable read = catchThrowable(() -> node.read("", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS));

            assertThat(write).isInstanceOf(ExecutionException.class).cause().isInstanceOf(KvValidationException.class);
            assertThat(read).isInstanceOf(ExecutionException.class).cause().isInstanceOf(KvValidationException.class);
            cluster.put("k2", "v2");
            assertThat(node.status().lastIndex()).as("only the valid write reached the log").isEqualTo(last + 1);
        }
    }

    @Test
    void aClosedRuntimeRefusesRequestsAndEveryThreadItStartedEnds() {
        RuntimeCluster cluster = solo(10_000);
        NodeRuntime node = cluster.start(SOLO);
        cluster.awaitLeader();
        cluster.put("k", "v");
        cluster.stop(SOLO);

        var put = new KvCommand.Put("k", "w".getBytes(StandardCharsets.UTF_8), Optional.empty());
        assertThat(catchThrowable(() -> node.submit(put).get(10, TimeUnit.SECONDS)))
                .cause().isInstanceOf(NodeStoppedException.class);
        assertThat(catchThrowable(() -> node.read("k", ReadConsistency.LOCAL).get(10, TimeUnit.SECONDS)))
                .cause().isInstanceOf(NodeStoppedException.class);
        assertThat(node.status().running()).isFalse();
        assertThat(cluster.threads).isNotEmpty();
        await().until(() -> cluster.threads.stream().noneMatch(Thread::isAlive));
    }
}
