package io.synod.core.paxos;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;
import io.synod.core.log.MemoryLogStorage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.synod.core.paxos.PaxosNetwork.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The acceptor's slots over the shared contiguous storage: holes, and no accepted value ever lost. */
class SlotLogTest {

    private static LogEntry e(long slot, long ballot, String v) {
        return LogEntry.normal(slot, ballot, bytes(v));
    }

    private static void persist(MemoryLogStorage storage, SlotLog log) {
        Optional<Snapshot> snap = log.pendingSnapshot();
        List<LogEntry> entries = log.unstableEntries();
        snap.ifPresent(storage::applySnapshot);
        storage.append(entries);
        log.stableTo(snap, entries);
    }

    @Test
    void aSlotPastTheEndLeavesHolesThatAreNotValues() {
        MemoryLogStorage storage = MemoryLogStorage.bootstrap(ConfState.ofVoters(Set.of(NodeId.of("a"))));
        SlotLog log = new SlotLog(storage);
        log.write(List.of(e(3, 5, "z")));
        assertThat(log.lastIndex()).isEqualTo(3);
        assertThat(SlotLog.isHole(log.entry(1))).isTrue();
        assertThat(SlotLog.isHole(log.entry(2))).isTrue();
        persist(storage, log);
        assertThat(storage.lastIndex()).isEqualTo(3);
        assertThat(storage.term(2)).isZero();
        assertThat(log.unstableEntries()).isEmpty();
    }

    @Test
    void reAcceptingAnEarlierSlotKeepsEveryLaterSlot() {
        MemoryLogStorage storage = new MemoryLogStorage();
        SlotLog log = new SlotLog(storage);
        log.write(List.of(e(1, 1, "a"), e(2, 1, "b"), e(3, 1, "c")));
        persist(storage, log);
        log.write(List.of(e(2, 9, "B")));
        // the Ready re-emits slot 3 unchanged, so the storage's suffix replacement loses nothing
        assertThat(log.unstableEntries()).containsExactly(e(2, 9, "B"), e(3, 1, "c"));
        persist(storage, log);
        assertThat(storage.entries(1, 4, Long.MAX_VALUE)).containsExactly(e(1, 1, "a"), e(2, 9, "B"), e(3, 1, "c"));
    }

    @Test
    void aWriteBetweenReadyAndAdvanceStaysUnstable() {
        MemoryLogStorage storage = new MemoryLogStorage();
        SlotLog log = new SlotLog(storage);
        log.write(List.of(e(1, 1, "a"), e(2, 1, "b")));
        List<LogEntry> handedOut = log.unstableEntries();
        log.write(List.of(e(2, 2, "B"))); // after ready(), before advance()
        storage.append(handedOut);
        log.stableTo(Optional.empty(), handedOut);
        assertThat(log.unstableEntries()).containsExactly(e(2, 2, "B"));
        assertThat(log.entry(2)).isEqualTo(e(2, 2, "B"));
    }

    @Test
    void aSnapshotKeepsTheAcceptedSlotsAfterIt() {
        MemoryLogStorage storage = new MemoryLogStorage();
        SlotLog log = new SlotLog(storage);
        log.write(List.of(e(1, 1, "a"), e(2, 1, "b"), e(3, 1, "c"), e(4, 1, "d")));
        persist(storage, log);
        Snapshot snap = new Snapshot(new SnapshotMetadata(2, 1, ConfState.EMPTY), bytes("ab"));
        log.restore(snap);
        assertThat(log.committed).isEqualTo(2);
        assertThat(log.unstableEntries()).containsExactly(e(3, 1, "c"), e(4, 1, "d"));
        persist(storage, log);
        assertThat(storage.firstIndex()).isEqualTo(3);
        assertThat(storage.entries(3, 5, Long.MAX_VALUE)).containsExactly(e(3, 1, "c"), e(4, 1, "d"));
    }
}
