package io.synod.core.log;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotStoreTest {

    private static final ConfState CONF = new ConfState(Set.of(NodeId.of("a"), NodeId.of("b")), Set.of(NodeId.of("l")));

    @TempDir
    Path dir;

    private static Snapshot snapshot(long index, long term) {
        return new Snapshot(new SnapshotMetadata(index, term, CONF), ("state@" + index).getBytes());
    }

    @Test
    void keepsTheNewestNAndLoadsTheNewest() throws IOException {
        SnapshotStore store = SnapshotStore.open(dir, 2, new ArrayList<>());
        for (long i = 1; i <= 5; i++) {
            store.save(snapshot(i * 10, i));
        }
        assertThat(store.snapshotFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly(SnapshotStore.fileName(40, 4), SnapshotStore.fileName(50, 5));
        SnapshotStore.Loaded loaded = store.loadNewest();
        assertThat(loaded.snapshot()).contains(snapshot(50, 5));
        assertThat(loaded.rejected()).isEmpty();
        assertThat(store.oldestIndex()).contains(40L);
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToThePreviousAndSaysWhy() throws IOException {
        SnapshotStore store = SnapshotStore.open(dir, 2, new ArrayList<>());
        store.save(snapshot(10, 1));
        store.save(snapshot(20, 2));
        Path newest = dir.resolve(SnapshotStore.fileName(20, 2));
        byte[] intact = Files.readAllBytes(newest);
        for (int bit = 0; bit < intact.length * 8; bit += 3) {
            byte[] damaged = intact.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(newest, damaged);
            SnapshotStore.Loaded loaded = store.loadNewest();
            assertThat(loaded.snapshot()).as("flip of bit %d", bit).contains(snapshot(10, 1));
            assertThat(loaded.rejected()).singleElement().asString().contains(newest.toString());
        }
    }

    @Test
    void noReadableSnapshotMeansNone() throws IOException {
        SnapshotStore store = SnapshotStore.open(dir, 1, new ArrayList<>());
        store.save(snapshot(10, 1));
        Files.write(dir.resolve(SnapshotStore.fileName(10, 1)), new byte[] {1, 2, 3});
        SnapshotStore.Loaded loaded = store.loadNewest();
        assertThat(loaded.snapshot()).isEmpty();
        assertThat(loaded.rejected()).hasSize(1);
    }

    @Test
    void aSnapshotRenamedToTheWrongIndexIsRejected() throws IOException {
        SnapshotStore store = SnapshotStore.open(dir, 2, new ArrayList<>());
        store.save(snapshot(10, 1));
        Files.move(dir.resolve(SnapshotStore.fileName(10, 1)), dir.resolve(SnapshotStore.fileName(99, 1)));
        assertThat(store.loadNewest().rejected()).singleElement().asString().contains("file name says 99");
    }

    @Test
    void leftoverTempFilesAreRemovedOnOpen() throws IOException {
        Path temp = dir.resolve(SnapshotStore.fileName(30, 3) + AtomicFile.TEMP_SUFFIX);
        Files.write(temp, new byte[100]);
        List<String> removed = new ArrayList<>();
        SnapshotStore store = SnapshotStore.open(dir, 2, removed);
        assertThat(removed).containsExactly(temp.toString());
        assertThat(store.loadNewest().snapshot()).isEqualTo(Optional.empty());
        assertThat(temp).doesNotExist();
    }
}
