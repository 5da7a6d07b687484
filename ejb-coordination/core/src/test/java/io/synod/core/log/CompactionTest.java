package io.synod.core.log;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.synod.core.log.LogFixtures.all;
import static io.synod.core.log.LogFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactionTest {

    private static final WalOptions SMALL = new WalOptions(256);
    private static final ConfState CONF = ConfState.ofVoters(Set.of(NodeId.of("a")));

    @TempDir
    Path dir;

    @Test
    void compactionDropsOnlySegmentsTheSnapshotCoversAndRecoveryStillWorks() throws IOException {
        List<Path> before;
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 1)) {
            log.persist(Optional.empty(), entries(1, 100, 1), Optional.empty(), true);
            before = log.walSegments();
            log.createSnapshot(60, CONF, new byte[] {6});
            log.compact(60);
            assertThat(log.firstIndex()).isEqualTo(61);
            List<Path> after = log.walSegments();
            assertThat(after.size()).isLessThan(before.size());
            // Every dropped segment ends at or below 60; the first kept one reaches past it.
            assertThat(before.subList(0, before.size() - after.size())).allSatisfy(p -> assertThat(p).doesNotExist());
            assertThat(SegmentName.parse(after.get(0)).orElseThrow().firstIndex()).isLessThanOrEqualTo(61);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 1)) {
            assertThat(log.firstIndex()).isEqualTo(61);
            assertThat(all(log)).isEqualTo(entries(61, 100, 1));
            log.persist(Optional.empty(), entries(101, 110, 2), Optional.empty(), true);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 1)) {
            assertThat(log.lastIndex()).isEqualTo(110);
        }
    }

    @Test
    void withTwoSnapshotsKeptTheWalStillCoversTheOlderOneSoADamagedNewestCanFallBack() throws IOException {
        List<LogEntry> expected;
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 2)) {
            log.persist(Optional.empty(), entries(1, 100, 1), Optional.empty(), true);
            log.createSnapshot(40, CONF, new byte[] {4});
            log.createSnapshot(80, CONF, new byte[] {8});
            log.compact(80);
            expected = entries(41, 100, 1);
        }
        Path newest = dir.resolve("snap").resolve(SnapshotStore.fileName(80, 1));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 2)) {
            assertThat(log.snapshot().metadata().index()).isEqualTo(40);
            assertThat(all(log)).isEqualTo(expected);
            assertThat(log.recoveryReport().snapshotsRejected()).singleElement().asString()
                    .contains(newest.toString(), "CRC");
            assertThat(log.recoveryReport().clean()).isFalse();
        }
    }

    @Test
    void compactingPastTheSnapshotIsRefused() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 2)) {
            log.persist(Optional.empty(), entries(1, 20, 1), Optional.empty(), true);
            log.createSnapshot(10, CONF, new byte[0]);
            assertThatThrownBy(() -> log.compact(15)).isInstanceOf(IllegalStateException.class);
            assertThat(log.walSegments()).allSatisfy(p -> assertThat(p).exists());
        }
    }

    @Test
    void theSegmentBeingWrittenIsNeverDropped() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 1)) {
            log.persist(Optional.empty(), entries(1, 3, 1), Optional.empty(), true);
            log.createSnapshot(3, CONF, new byte[0]);
            log.compact(3);
            assertThat(log.walSegments()).hasSize(1).allSatisfy(p -> assertThat(p).exists());
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 1)) {
            assertThat(log.firstIndex()).isEqualTo(4);
            assertThat(log.lastIndex()).isEqualTo(3);
        }
    }
}
