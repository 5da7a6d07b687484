package io.synod.core.log;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static io.synod.core.log.LogFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random histories of what a Raft shell does (append, overwrite an uncommitted suffix, move the
 * commit index, take and install snapshots, compact, restart), applied both to the durable log and to a
 * plain {@link MemoryLogStorage} model. After every restart the durable log must equal the model from the
 * snapshot on. A failure names the seed and step; rerun that seed alone to replay it.
 */
class DurableLogModelTest {

    private static final ConfState CONF = ConfState.ofVoters(Set.of(NodeId.of("a"), NodeId.of("b"), NodeId.of("c")));
    private static final WalOptions SMALL = new WalOptions(300);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void restartsReproduceTheLog(long seed) throws IOException {
        Random rnd = new Random(seed);
        MemoryLogStorage model = new MemoryLogStorage();
        DurableLogStorage log = DurableLogStorage.open(dir, SMALL, 2);
        long term = 1;
        for (int step = 0; step < 250; step++) {
            String where = "seed " + seed + ", step " + step;
            int op = rnd.nextInt(100);
            long last = model.lastIndex();
            long commit = model.hardState().commit();
            long snapIndex = model.snapshot().metadata().index();
            if (op < 45) {
                List<LogEntry> batch = entries(last + 1, last + 1 + rnd.nextInt(5), term);
                log.persist(Optional.empty(), batch, Optional.empty(), rnd.nextBoolean());
                model.append(batch);
            } else if (op < 60 && last > commit) {
                // A new leader replaces part of the uncommitted suffix.
                term++;
                long from = commit + 1 + rnd.nextInt((int) (last - commit));
                List<LogEntry> batch = entries(from, from + rnd.nextInt(4), term);
                log.persist(Optional.empty(), batch, Optional.empty(), true);
                model.append(batch);
            } else if (op < 72 && last > commit) {
                HardState hs = new HardState(term, Optional.of(NodeId.of("n" + rnd.nextInt(3))),
                        commit + 1 + rnd.nextInt((int) (last - commit)));
                log.persist(Optional.of(hs), List.of(), Optional.empty(), false);
                model.setHardState(hs);
            } else if (op < 80 && commit > snapIndex) {
                long at = snapIndex + 1 + rnd.nextInt((int) (commit - snapIndex));
                byte[] data = ("state@" + at).getBytes();
                log.createSnapshot(at, CONF, data);
                model.createSnapshot(at, CONF, data);
            } else if (op < 86 && snapIndex >= model.firstIndex()) {
                log.compact(snapIndex);
                model.compact(snapIndex);
            } else if (op < 89) {
                // The leader sends a snapshot past our log: it replaces everything.
                term++;
                long at = Math.max(last, commit) + 1 + rnd.nextInt(20);
                Snapshot snap = new Snapshot(new SnapshotMetadata(at, term, CONF), ("leader@" + at).getBytes());
                HardState hs = new HardState(term, Optional.empty(), at);
                log.persist(Optional.of(hs), List.of(), Optional.of(snap), true);
                model.applySnapshot(snap);
                model.setHardState(hs);
            } else if (op >= 95) {
                log.close();
                log = DurableLogStorage.open(dir, SMALL, 2);
                assertSameLog(log, model, where);
                assertThat(log.recoveryReport().clean()).as(where).isTrue();
            }
        }
        log.close();
        try (DurableLogStorage reopened = DurableLogStorage.open(dir, SMALL, 2)) {
            assertSameLog(reopened, model, "seed " + seed + ", end");
        }
    }

    /** Equal from the snapshot on: a reopened log starts right after its snapshot. */
    private static void assertSameLog(DurableLogStorage log, MemoryLogStorage model, String where) {
        assertThat(log.snapshot()).as(where).isEqualTo(model.snapshot());
        assertThat(log.hardState()).as(where).isEqualTo(model.hardState());
        assertThat(log.lastIndex()).as(where).isEqualTo(model.lastIndex());
        long from = model.snapshot().metadata().index() + 1;
        if (from <= model.lastIndex()) {
            assertThat(log.entries(from, log.lastIndex() + 1, Long.MAX_VALUE)).as(where)
                    .isEqualTo(model.entries(from, model.lastIndex() + 1, Long.MAX_VALUE));
        }
        assertThat(log.term(from - 1)).as(where).isEqualTo(model.term(from - 1));
    }
}
