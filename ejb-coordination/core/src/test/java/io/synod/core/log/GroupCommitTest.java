package io.synod.core.log;

import io.synod.core.consensus.LogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.synod.core.log.LogFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;

/** Many appends, one fsync: the point of group commit, checked through the metrics counters. */
class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void twoHundredFiftySixAppendsThenOneSyncForceOnce() throws IOException {
        try (SegmentedWal wal = SegmentedWal.open(dir, WalOptions.DEFAULTS, (r, f, o) -> { })) {
            WalCounters before = wal.counters();
            long expectedBytes = 0;
            for (long i = 1; i <= 256; i++) {
                LogEntry e = LogFixtures.entry(i, 1);
                wal.append(List.of(e));
                expectedBytes += LogFixtures.framedSize(e);
            }
            assertThat(wal.counters().syncs()).isEqualTo(before.syncs());
            wal.sync();
            wal.sync(); // nothing new written: no second force
            WalCounters after = wal.counters();
            assertThat(after.syncs() - before.syncs()).isEqualTo(1);
            assertThat(after.recordsWritten() - before.recordsWritten()).isEqualTo(256);
            assertThat(after.bytesWritten() - before.bytesWritten()).isEqualTo(expectedBytes);
        }
    }

    @Test
    void persistWithoutSyncDefersTheForceToTheShellsSync() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            long syncs = log.counters().syncs();
            for (long i = 1; i <= 256; i++) {
                log.persist(Optional.empty(), entries(i, i, 1), Optional.empty(), false);
            }
            log.sync();
            assertThat(log.counters().syncs() - syncs).isEqualTo(1);
            assertThat(log.lastIndex()).isEqualTo(256);
        }
    }

    @Test
    void rollingForcesTheSealedSegmentSoOnlyTheLastCanHoldUnsyncedBytes() throws IOException {
        try (SegmentedWal wal = SegmentedWal.open(dir, new WalOptions(256), (r, f, o) -> { })) {
            wal.append(entries(1, 40, 1));
            WalCounters c = wal.counters();
            assertThat(c.segmentsRolled()).isPositive();
            // Per roll: the seal of the old segment and the header of the new one.
            assertThat(c.syncs()).isEqualTo(2 * c.segmentsRolled());
            assertThat(wal.hasUnsyncedWrites()).isTrue();
        }
    }
}
