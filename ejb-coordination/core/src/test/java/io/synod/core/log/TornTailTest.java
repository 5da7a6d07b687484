package io.synod.core.log;

import io.synod.core.consensus.LogEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.synod.core.log.LogFixtures.all;
import static io.synod.core.log.LogFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;

/** A crash in the middle of writing the last record: for every cut point, the record goes and nothing else. */
class TornTailTest {

    private static final int N = 6;

    @TempDir
    Path dir;

    private Path segment;
    private byte[] intact;
    private int lastRecordStart;

    @BeforeEach
    void writeNRecords() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, N, 1), Optional.empty(), true);
            segment = log.walSegments().get(0);
        }
        intact = Files.readAllBytes(segment);
        lastRecordStart = intact.length - LogFixtures.framedSize(LogFixtures.entry(N, 1));
    }

    @Test
    void cutAtEveryByteOfTheLastRecordLeavesExactlyTheFirstNMinusOne() throws IOException {
        for (int cut = lastRecordStart + 1; cut < intact.length; cut++) {
            Files.write(segment, Arrays.copyOf(intact, cut));
            try (DurableLogStorage log = DurableLogStorage.open(dir)) {
                assertThat(all(log)).as("cut at %d", cut).isEqualTo(entries(1, N - 1, 1));
                RecoveryReport report = log.recoveryReport();
                TornTail torn = report.tornTail().orElseThrow();
                assertThat(torn.offset()).as("cut at %d", cut).isEqualTo(lastRecordStart);
                assertThat(torn.bytesTruncated()).isEqualTo(cut - lastRecordStart);
                assertThat(torn.file()).isEqualTo(segment);
                assertThat(Files.size(segment)).as("truncated to the valid end").isEqualTo(lastRecordStart);

                // Appending after recovery lands right after the valid end and replays.
                log.persist(Optional.empty(), List.of(LogFixtures.entry(N, 2)), Optional.empty(), true);
            }
            try (DurableLogStorage log = DurableLogStorage.open(dir)) {
                assertThat(log.lastIndex()).isEqualTo(N);
                assertThat(log.term(N)).isEqualTo(2);
                assertThat(log.recoveryReport().clean()).isTrue();
            }
        }
    }

    @Test
    void aCutExactlyAtARecordBoundaryIsJustAShorterLog() throws IOException {
        Files.write(segment, Arrays.copyOf(intact, lastRecordStart));
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(all(log)).isEqualTo(entries(1, N - 1, 1));
            assertThat(log.recoveryReport().tornTail()).isEmpty();
        }
    }

    @Test
    void zerosAfterTheLastRecordAreATornTail() throws IOException {
        // What a crash can leave when the file grew but the data pages never made it.
        byte[] padded = Arrays.copyOf(intact, intact.length + 4096);
        Files.write(segment, padded);
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(all(log)).isEqualTo(entries(1, N, 1));
            assertThat(log.recoveryReport().tornTail()).isPresent();
            assertThat(Files.size(segment)).isEqualTo(intact.length);
        }
    }

    @Test
    void aSegmentWhoseHeaderNeverFinishedIsStartedAgain() throws IOException {
        List<LogEntry> expected;
        try (DurableLogStorage log = DurableLogStorage.open(dir, new WalOptions(256), 2)) {
            log.persist(Optional.empty(), entries(N + 1, 40, 1), Optional.empty(), true);
            expected = all(log);
            segment = log.walSegments().get(log.walSegments().size() - 1);
        }
        // Drop the last segment's records and cut its header: as if the crash hit while creating it.
        long firstInLast = SegmentName.parse(segment).orElseThrow().firstIndex();
        Files.write(segment, Arrays.copyOf(Files.readAllBytes(segment), 10));
        try (DurableLogStorage log = DurableLogStorage.open(dir, new WalOptions(256), 2)) {
            assertThat(all(log)).isEqualTo(expected.subList(0, (int) firstInLast - 1));
            assertThat(log.recoveryReport().tornTail()).hasValueSatisfying(t -> assertThat(t.offset()).isZero());
            log.persist(Optional.empty(), entries(firstInLast, firstInLast, 5), Optional.empty(), true);
        }
        try (DurableLogStorage log = DurableLogStorage.open(dir, new WalOptions(256), 2)) {
            assertThat(log.lastIndex()).isEqualTo(firstInLast);
            assertThat(log.term(firstInLast)).isEqualTo(5);
        }
    }
}
