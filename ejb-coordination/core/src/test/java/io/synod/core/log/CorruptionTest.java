package io.synod.core.log;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Damage before the tail stops recovery and says where; damage in the last record is a torn tail. */
class CorruptionTest {

    private static final int N = 6;
    /** The record the middle-of-log flips go into (1-based entry index). */
    private static final int VICTIM = 3;

    @TempDir
    Path dir;

    private Path segment;
    private byte[] intact;

    @BeforeEach
    void writeNRecords() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, N, 1), Optional.empty(), true);
            segment = log.walSegments().get(0);
        }
        intact = Files.readAllBytes(segment);
    }

    @Test
    void everyBitFlipInARecordBeforeTheTailNamesFileAndOffset() throws IOException {
        int start = recordStart(VICTIM);
        int end = start + LogFixtures.framedSize(LogFixtures.entry(VICTIM, 1));
        for (int bit = start * 8; bit < end * 8; bit++) {
            Files.write(segment, flip(intact, bit));
            CorruptLogException e = catchThrowableOfType(CorruptLogException.class, () -> DurableLogStorage.open(dir));
            assertThat(e).as("flip of bit %d", bit).isNotNull();
            assertThat(e.file()).isEqualTo(segment);
            assertThat(e.offset()).isEqualTo(start);
            assertThat(e.getMessage()).contains(segment.getFileName().toString(), "byte offset " + start);
            assertThat(Files.readAllBytes(segment)).as("nothing is cut on corruption").isEqualTo(flip(intact, bit));
        }
    }

    @Test
    void everyBitFlipInTheLastRecordIsTruncatedAsTorn() throws IOException {
        int start = recordStart(N);
        for (int bit = start * 8; bit < intact.length * 8; bit++) {
            Files.write(segment, flip(intact, bit));
            try (DurableLogStorage log = DurableLogStorage.open(dir)) {
                assertThat(all(log)).as("flip of bit %d", bit).isEqualTo(entries(1, N - 1, 1));
                assertThat(log.recoveryReport().tornTail()).hasValueSatisfying(t -> assertThat(t.offset()).isEqualTo(start));
            }
            assertThat(Files.size(segment)).isEqualTo(start);
        }
    }

    @Test
    void aDamagedSegmentHeaderIsCorruption() throws IOException {
        for (int bit = 0; bit < SegmentHeader.SIZE * 8; bit++) {
            Files.write(segment, flip(intact, bit));
            assertThatThrownBy(() -> DurableLogStorage.open(dir)).as("flip of header bit %d", bit)
                    .isInstanceOf(CorruptLogException.class).hasMessageContaining(segment.getFileName().toString());
        }
    }

    @Test
    void aCutTailInASealedSegmentIsCorruptionNotTorn() throws IOException {
        List<Path> segments;
        try (DurableLogStorage log = DurableLogStorage.open(dir, new WalOptions(256), 2)) {
            log.persist(Optional.empty(), entries(N + 1, 40, 1), Optional.empty(), true);
            segments = log.walSegments();
        }
        Path sealed = segments.get(1);
        byte[] bytes = Files.readAllBytes(sealed);
        Files.write(sealed, Arrays.copyOf(bytes, bytes.length - 3));
        CorruptLogException e = catchThrowableOfType(CorruptLogException.class,
                () -> DurableLogStorage.open(dir, new WalOptions(256), 2));
        assertThat(e.file()).isEqualTo(sealed);
        assertThat(e.getMessage()).contains("sealed segment");
    }

    @Test
    void aMissingSegmentInTheMiddleIsCorruption() throws IOException {
        List<Path> segments;
        try (DurableLogStorage log = DurableLogStorage.open(dir, new WalOptions(256), 2)) {
            log.persist(Optional.empty(), entries(N + 1, 40, 1), Optional.empty(), true);
            segments = log.walSegments();
        }
        Files.delete(segments.get(1));
        assertThatThrownBy(() -> DurableLogStorage.open(dir, new WalOptions(256), 2))
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("sequence gap");
    }

    private int recordStart(int entryIndex) {
        int offset = SegmentHeader.SIZE;
        for (int i = 1; i < entryIndex; i++) {
            offset += LogFixtures.framedSize(LogFixtures.entry(i, 1));
        }
        return offset;
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
