package io.synod.core.log;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.synod.core.log.LogFixtures.all;
import static io.synod.core.log.LogFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableLogRoundTripTest {

    private static final ConfState THREE = ConfState.ofVoters(Set.of(NodeId.of("a"), NodeId.of("b"), NodeId.of("c")));

    @TempDir
    Path dir;

    @Test
    void appendedEntriesAndHardStateSurviveReopen() throws IOException {
        HardState hs = new HardState(3, Optional.of(NodeId.of("node-b")), 7);
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, 10, 1), Optional.empty(), true);
            log.persist(new Ready(Optional.empty(), Optional.of(hs), Optional.empty(), List.of(), List.of(), List.of(),
                    List.of(), true));
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(all(log)).isEqualTo(entries(1, 10, 1));
            assertThat(log.hardState()).isEqualTo(hs);
            assertThat(log.recoveryReport().clean()).isTrue();
            assertThat(log.recoveryReport().hardStateFound()).isTrue();
        }
    }

    @Test
    void overwrittenSuffixIsReplayedAsOverwritten() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, 10, 1), Optional.empty(), true);
            // A new leader in term 2 replaces 6..10 with 6..8.
            log.persist(Optional.empty(), entries(6, 8, 2), Optional.empty(), true);
            assertThat(log.lastIndex()).isEqualTo(8);
        }
        List<LogEntry> expected = new ArrayList<>(entries(1, 5, 1));
        expected.addAll(entries(6, 8, 2));
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(all(log)).isEqualTo(expected);
        }
    }

    @Test
    void rolledSegmentsAndAnOverwriteAcrossThemReplayIdentically() throws IOException {
        WalOptions small = new WalOptions(512);
        List<LogEntry> expected;
        try (DurableLogStorage log = DurableLogStorage.open(dir, small, 2)) {
            for (long i = 1; i <= 200; i += 10) {
                log.persist(Optional.empty(), entries(i, i + 9, 1), Optional.empty(), false);
            }
            log.persist(Optional.empty(), entries(50, 60, 2), Optional.empty(), true);
            log.persist(Optional.empty(), entries(61, 70, 3), Optional.empty(), true);
            expected = all(log);
            assertThat(log.walSegments()).hasSizeGreaterThan(5);
            assertThat(log.counters().segmentsRolled()).isEqualTo(log.walSegments().size() - 1);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir, small, 2)) {
            assertThat(all(log)).isEqualTo(expected);
            assertThat(log.lastIndex()).isEqualTo(70);
            assertThat(log.term(60)).isEqualTo(2);
            assertThat(log.recoveryReport().segmentsRead()).isEqualTo(log.walSegments().size());
        }
    }

    @Test
    void installedSnapshotReplacesTheLogAcrossRestart() throws IOException {
        Snapshot fromLeader = new Snapshot(new SnapshotMetadata(1000, 4, THREE), new byte[] {1, 2, 3});
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, 20, 1), Optional.empty(), true);
            log.persist(Optional.of(new HardState(4, Optional.empty(), 1000)), entries(1001, 1005, 4),
                    Optional.of(fromLeader), true);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(log.snapshot()).isEqualTo(fromLeader);
            assertThat(log.confState()).isEqualTo(THREE);
            assertThat(log.firstIndex()).isEqualTo(1001);
            assertThat(all(log)).isEqualTo(entries(1001, 1005, 4));
            assertThat(log.term(1000)).isEqualTo(4);
        }
    }

    @Test
    void installedSnapshotDiscardsALongerOldLogEvenWithNothingAfterIt() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, 30, 1), Optional.empty(), true);
            log.persist(Optional.empty(), List.of(),
                    Optional.of(new Snapshot(new SnapshotMetadata(10, 2, THREE), new byte[0])), true);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(log.firstIndex()).isEqualTo(11);
            assertThat(log.lastIndex()).isEqualTo(10);
        }
    }

    @Test
    void localSnapshotAndBootstrapConfigurationSurviveReopen() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.bootstrap(THREE);
            log.persist(Optional.empty(), entries(1, 12, 1), Optional.empty(), true);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(log.confState()).isEqualTo(THREE);
            assertThat(all(log)).isEqualTo(entries(1, 12, 1));
            Snapshot snap = log.createSnapshot(8, THREE, new byte[] {42});
            assertThat(snap.metadata()).isEqualTo(new SnapshotMetadata(8, 1, THREE));
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(log.snapshot().data()).containsExactly(42);
            // Rebuilt from the snapshot: the log starts right after it.
            assertThat(log.firstIndex()).isEqualTo(9);
            assertThat(all(log)).isEqualTo(entries(9, 12, 1));
            assertThat(log.recoveryReport().snapshotIndex()).isEqualTo(8);
        }
    }

    @Test
    void badAppendsAreRejectedBeforeAnythingIsWritten() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, 5, 1), Optional.empty(), true);
            long bytes = log.counters().bytesWritten();
            assertThatThrownBy(() -> log.persist(Optional.empty(), entries(7, 8, 1), Optional.empty(), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap");
            List<LogEntry> holey = List.of(LogFixtures.entry(6, 1), LogFixtures.entry(8, 1));
            assertThatThrownBy(() -> log.persist(Optional.empty(), holey, Optional.empty(), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-consecutive");
            assertThatThrownBy(() -> log.persist(Optional.of(new HardState(1, Optional.empty(), 9)), entries(6, 6, 1),
                    Optional.empty(), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit 9");
            assertThat(log.counters().bytesWritten()).isEqualTo(bytes);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(all(log)).isEqualTo(entries(1, 5, 1));
        }
    }
}
