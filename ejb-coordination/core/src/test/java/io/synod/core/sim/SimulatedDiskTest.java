package io.synod.core.sim;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedDiskTest {

    private static final ConfState CONF = ConfState.ofVoters(Set.of(NodeId.of("n1")));

    private static LogEntry entry(long index) {
        return LogEntry.normal(index, 1, new byte[] {(byte) index});
    }

    @Test
    void syncedWritesSurviveEveryCrash() {
        for (long seed = 0; seed < 20; seed++) {
            SimulatedDisk disk = new SimulatedDisk(CONF);
            disk.append(List.of(entry(1), entry(2)));
            disk.setHardState(new HardState(1, Optional.of(NodeId.of("n1")), 2));
            disk.sync();
            disk.crash(new Random(seed));
            assertThat(disk.storage().lastIndex()).isEqualTo(2);
            assertThat(disk.storage().hardState().vote()).contains(NodeId.of("n1"));
            assertThat(disk.storage().confState()).isEqualTo(CONF);
        }
    }

    @Test
    void unsyncedWritesMayBeLostButOnlyAsASuffixInWriteOrder() {
        boolean sawLoss = false;
        for (long seed = 0; seed < 50; seed++) {
            SimulatedDisk disk = new SimulatedDisk(CONF);
            disk.append(List.of(entry(1)));
            disk.sync();
            disk.append(List.of(entry(2)));
            disk.setHardState(new HardState(2, Optional.empty(), 0));
            assertThat(disk.storage().lastIndex()).as("the page cache shows unsynced writes").isEqualTo(2);
            int lost = disk.crash(new Random(seed));
            sawLoss |= lost > 0;
            long last = disk.storage().lastIndex();
            assertThat(last).isBetween(1L, 2L);
            if (disk.storage().hardState().term() == 2) {
                assertThat(last).as("the hard state was written after entry 2, so entry 2 survived too").isEqualTo(2);
            }
        }
        assertThat(sawLoss).isTrue();
    }

    @Test
    void localSnapshotsAreDurableAndCompactTheLog() {
        SimulatedDisk disk = new SimulatedDisk(CONF);
        disk.append(List.of(entry(1), entry(2), entry(3)));
        disk.sync();
        disk.snapshotAndCompact(3, CONF, new byte[] {9}, 2);
        disk.crash(new Random(1));
        assertThat(disk.storage().snapshot().metadata().index()).isEqualTo(3);
        assertThat(disk.storage().snapshot().data()).containsExactly(9);
        assertThat(disk.storage().firstIndex()).isGreaterThan(2);
    }

    @Test
    void aJoinerStartsWithoutAConfiguration() {
        SimulatedDisk disk = new SimulatedDisk(CONF);
        disk.wipeAsJoiner();
        assertThat(disk.storage().confState()).isEqualTo(ConfState.EMPTY);
        assertThat(disk.storage().lastIndex()).isZero();
    }
}
