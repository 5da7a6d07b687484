package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessage.InstallSnapshot;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.synod.core.raft.Network.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTransferTest {

    private static Network cluster() {
        // 64-byte chunks: the ~330-byte snapshot below travels in six InstallSnapshot messages
        return Network.withConfig(id -> new RaftConfig(id, 7, 10, 1, true, true, 1 << 20, 256, 64, Set.of()),
                "a", "b", "c");
    }

    private static void lagBehindACompactedLog(Network net) {
        net.elect("a");
        net.isolate("c");
        for (int i = 0; i < 30; i++) {
            net.node("a").propose(bytes(String.format("entry-%02d", i)));
        }
        net.stabilize();
        net.compact("a"); // index 1..31 are gone from a's log: c must get a snapshot
        assertThat(net.member("a").storage.firstIndex()).isEqualTo(32);
        net.heal();
    }

    @Test
    void aFollowerThatNeedsCompactedEntriesReceivesTheSnapshotInChunks() {
        Network net = cluster();
        lagBehindACompactedLog(net);
        int size = net.member("a").storage.snapshot().data().length;
        net.clearTrace();

        net.tickAll(3);

        long chunks = net.count(InstallSnapshot.class);
        assertThat(chunks).isEqualTo((size + 63) / 64);
        assertThat(net.trace).anyMatch(t -> t.startsWith("InstallSnapshot[") && t.contains("off=64 "));
        assertThat(net.trace).anyMatch(t -> t.startsWith("SnapshotResponse[") && t.contains("nextOffset=128"));
        // the follower's Ready carried the snapshot; its shell installed it
        assertThat(net.member("c").storage.snapshot().metadata().index()).isEqualTo(31);
        assertThat(net.member("c").applied).hasSize(1).allMatch(s -> s.startsWith("snapshot:entry-00"));
        assertThat(net.node("a").status().progress().get(NodeId.of("c")).state()).isEqualTo("REPLICATE");

        // and replication continues normally after it
        net.node("a").propose(bytes("after"));
        net.stabilize();
        assertThat(net.member("c").applied).last().isEqualTo("after");
        assertThat(net.member("c").storage.lastIndex()).isEqualTo(32);
    }

    @Test
    void aLostChunkIsSentAgain() {
        Network net = cluster();
        lagBehindACompactedLog(net);
        AtomicBoolean dropped = new AtomicBoolean();
        net.dropWhere(m -> m instanceof InstallSnapshot s && s.offset() == 128 && !dropped.getAndSet(true));
        net.clearTrace();

        net.tickAll(10);

        assertThat(net.trace).anyMatch(t -> t.startsWith("DROP InstallSnapshot[") && t.contains("off=128 "));
        assertThat(net.trace.stream().filter(t -> t.startsWith("InstallSnapshot[") && t.contains("off=128 ")))
                .hasSize(1);
        assertThat(net.member("c").storage.snapshot().metadata().index()).isEqualTo(31);
    }

    @Test
    void aChunkOfAnotherSnapshotRestartsTheAssembly() {
        SnapshotAssembler assembler = new SnapshotAssembler();
        var meta1 = new io.synod.core.consensus.SnapshotMetadata(10, 1,
                io.synod.core.consensus.ConfState.ofVoters(Set.of(NodeId.of("a"))));
        var meta2 = new io.synod.core.consensus.SnapshotMetadata(20, 1, meta1.confState());
        NodeId a = NodeId.of("a");
        NodeId c = NodeId.of("c");
        assertThat(assembler.accept(new InstallSnapshot(7, a, c, 1, meta1, 4, 0, bytes("ab"), false)).nextOffset())
                .isEqualTo(2);
        // a middle chunk of another snapshot: ask for its start
        assertThat(assembler.accept(new InstallSnapshot(7, a, c, 1, meta2, 4, 2, bytes("cd"), true)).nextOffset())
                .isZero();
        // a gap: ask for what is missing
        assertThat(assembler.accept(new InstallSnapshot(7, a, c, 1, meta2, 6, 0, bytes("xy"), false)).nextOffset())
                .isEqualTo(2);
        assertThat(assembler.accept(new InstallSnapshot(7, a, c, 1, meta2, 6, 4, bytes("zz"), true)).nextOffset())
                .isEqualTo(2);
        var done = assembler.accept(new InstallSnapshot(7, a, c, 1, meta2, 4, 2, bytes("zw"), true));
        assertThat(done.complete()).hasValueSatisfying(s -> assertThat(s.data()).isEqualTo(bytes("xyzw")));
    }
}
