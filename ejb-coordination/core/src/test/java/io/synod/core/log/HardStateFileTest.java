package io.synod.core.log;

import io.synod.core.consensus.HardState;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.synod.core.log.LogFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HardStateFileTest {

    @TempDir
    Path dir;

    @Test
    void replacesAndReloads() throws IOException {
        HardStateFile file = new HardStateFile(dir);
        assertThat(file.load()).isEmpty();
        file.write(new HardState(1, Optional.empty(), 0));
        HardState latest = new HardState(9, Optional.of(NodeId.of("payara-instance-2")), 41);
        file.write(latest);
        assertThat(file.load()).contains(latest);
        assertThat(Files.list(dir).toList()).containsExactly(file.path());
    }

    @Test
    void everyBitFlipIsReportedAsCorruptionNamingTheFile() throws IOException {
        HardStateFile file = new HardStateFile(dir);
        file.write(new HardState(7, Optional.of(NodeId.of("n1")), 3));
        byte[] intact = Files.readAllBytes(file.path());
        for (int bit = 0; bit < intact.length * 8; bit++) {
            byte[] damaged = intact.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file.path(), damaged);
            assertThatThrownBy(file::load).as("flip of bit %d", bit)
                    .isInstanceOf(CorruptLogException.class).hasMessageContaining(file.path().toString());
        }
    }

    @Test
    void aTruncatedFileIsCorruption() throws IOException {
        HardStateFile file = new HardStateFile(dir);
        file.write(new HardState(7, Optional.empty(), 3));
        byte[] intact = Files.readAllBytes(file.path());
        for (int cut = 0; cut < intact.length; cut++) {
            Files.write(file.path(), Arrays.copyOf(intact, cut));
            assertThatThrownBy(file::load).isInstanceOf(CorruptLogException.class);
        }
    }

    @Test
    void aCorruptHardStateStopsRecovery() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.of(new HardState(2, Optional.empty(), 0)), entries(1, 3, 2), Optional.empty(), true);
        }
        Path hardState = dir.resolve(HardStateFile.NAME);
        byte[] bytes = Files.readAllBytes(hardState);
        bytes[6] ^= 0x10;
        Files.write(hardState, bytes);
        assertThatThrownBy(() -> DurableLogStorage.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(hardState.toString());
    }

    @Test
    void aLeftoverTempFromAnInterruptedWriteIsIgnoredAndRemoved() throws IOException {
        HardState promised = new HardState(5, Optional.of(NodeId.of("b")), 2);
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.of(promised), entries(1, 2, 5), Optional.empty(), true);
        }
        // The crash hit between writing the temp file and renaming it: half a newer state.
        Path temp = dir.resolve(HardStateFile.NAME + AtomicFile.TEMP_SUFFIX);
        Files.write(temp, new byte[] {0x53, 0x59, 0x4E});
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            assertThat(log.hardState()).isEqualTo(promised);
            assertThat(log.recoveryReport().tempFilesRemoved()).containsExactly(temp.toString());
        }
        assertThat(temp).doesNotExist();
    }

    @Test
    void aCommitIndexBeyondTheDurableLogStopsRecovery() throws IOException {
        new HardStateFile(dir).write(new HardState(3, Optional.empty(), 10));
        assertThatThrownBy(() -> DurableLogStorage.open(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("commit index 10").hasMessageContaining(HardStateFile.NAME);
    }

    @Test
    void hardStateIsWrittenOnlyAfterTheWalIsSynced() throws IOException {
        try (DurableLogStorage log = DurableLogStorage.open(dir)) {
            log.persist(Optional.empty(), entries(1, 4, 1), Optional.empty(), false);
            long syncs = log.counters().syncs();
            log.persist(Optional.of(new HardState(1, Optional.empty(), 4)), List.of(), Optional.empty(), false);
            assertThat(log.counters().syncs()).isEqualTo(syncs + 1);
        }
    }
}
