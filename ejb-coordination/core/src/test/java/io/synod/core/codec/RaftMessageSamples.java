package io.synod.core.codec;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.SnapshotMetadata;
import io.synod.core.raft.RaftMessage;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.AppendResponse;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.core.raft.RaftMessage.HeartbeatResponse;
import io.synod.core.raft.RaftMessage.InstallSnapshot;
import io.synod.core.raft.RaftMessage.RequestVote;
import io.synod.core.raft.RaftMessage.SnapshotResponse;
import io.synod.core.raft.RaftMessage.TimeoutNow;
import io.synod.core.raft.RaftMessage.VoteResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** At least one instance of every Raft message, with the corner cases a codec gets wrong (empty, max, flags). */
final class RaftMessageSamples {

    static final NodeId N1 = NodeId.of("n1");
    static final NodeId N2 = NodeId.of("node-2.payara_micro");
    static final NodeId N3 = NodeId.of("n3");

    private RaftMessageSamples() {
    }

    static List<RaftMessage> all() {
        ConfState conf = new ConfState(Set.of(N1, N2), Set.of(N3));
        return List.of(
                new AppendEntries(0, N1, N2, 7, 41, 6, List.of(
                        LogEntry.normal(42, 6, "put k v".getBytes(StandardCharsets.UTF_8)),
                        new LogEntry(43, 7, EntryType.CONF_CHANGE, new byte[]{1, 0, 'n', '3'}),
                        LogEntry.normal(44, 7, new byte[0])), 40),
                new AppendEntries(3, N1, N2, 7, 0, 0, List.of(), 0),
                new AppendResponse(0, N2, N1, 7, 44, false, 0, 0),
                new AppendResponse(0, N2, N1, 7, 41, true, 30, 5),
                new RequestVote(1, N3, N1, 8, 44, 7, true, false),
                new RequestVote(1, N3, N1, 9, 44, 7, false, true),
                new VoteResponse(1, N1, N3, 8, true, true),
                new VoteResponse(1, N1, N3, 9, false, false),
                new Heartbeat(0, N1, N2, 7, 40, 12, 1_000_000),
                new HeartbeatResponse(0, N2, N1, 7, 12, 1_000_000),
                new InstallSnapshot(0, N1, N3, 7, new SnapshotMetadata(100, 6, conf), 10, 0, new byte[]{1, 2, 3, 4}, false),
                new InstallSnapshot(0, N1, N3, 7, new SnapshotMetadata(100, 6, conf), 10, 4, new byte[]{5, 6, 7, 8, 9, 10}, true),
                new InstallSnapshot(Long.MAX_VALUE, N1, N3, 7, SnapshotMetadata.EMPTY, 0, 0, new byte[0], true),
                new SnapshotResponse(0, N3, N1, 7, 100, 4),
                new TimeoutNow(0, N1, N2, 7));
    }
}
