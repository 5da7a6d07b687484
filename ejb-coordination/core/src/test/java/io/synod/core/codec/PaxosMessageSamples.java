package io.synod.core.codec;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.SnapshotMetadata;
import io.synod.core.paxos.PaxosMessage;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Accepted;
import io.synod.core.paxos.PaxosMessage.Heartbeat;
import io.synod.core.paxos.PaxosMessage.HeartbeatAck;
import io.synod.core.paxos.PaxosMessage.Nack;
import io.synod.core.paxos.PaxosMessage.Prepare;
import io.synod.core.paxos.PaxosMessage.Promise;
import io.synod.core.paxos.PaxosMessage.SnapshotAck;
import io.synod.core.paxos.PaxosMessage.SnapshotChunk;
import io.synod.core.paxos.PaxosMessage.TimeoutNow;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * At least one instance of every Multi-Paxos message, with the corner cases a codec gets wrong: empty lists,
 * a Promise with gaps between reported slots, holes (ballot 0) inside an Accept, flags both ways, large ballots.
 */
final class PaxosMessageSamples {

    static final NodeId N1 = NodeId.of("n1");
    static final NodeId N2 = NodeId.of("node-2.payara_micro");
    static final NodeId N3 = NodeId.of("n3");
    /** Round 5 of some proposer tag, as {@code Ballot.encode} lays it out: round << 31 | tag. */
    static final long B = (5L << 31) | 0x1234_5678L;
    static final long HIGHER = (6L << 31) | 0x7fff_ffffL;

    private PaxosMessageSamples() {
    }

    static List<PaxosMessage> all() {
        ConfState conf = new ConfState(Set.of(N1, N2), Set.of(N3));
        return List.of(
                new Prepare(0, N1, N2, B, 41, false),
                new Prepare(7, N3, N1, HIGHER, 1, true),
                new Promise(0, N2, N1, B, 41, 40, 0, List.of(
                        new LogEntry(41, B - 1, EntryType.NORMAL, "put k v".getBytes(StandardCharsets.UTF_8)),
                        new LogEntry(44, B, EntryType.CONF_CHANGE, new byte[]{1, 0, 'n', '3'}))),
                new Promise(0, N2, N1, B, 10, 12, 20, List.of()),
                new Accept(0, N1, N2, B, List.of(
                        LogEntry.normal(42, B, "put k v".getBytes(StandardCharsets.UTF_8)),
                        new LogEntry(43, 0, EntryType.NORMAL, new byte[0]),
                        new LogEntry(44, B, EntryType.CONF_CHANGE, new byte[]{1, 0, 'n', '3'})), 41),
                new Accept(3, N1, N2, B, List.of(), 0),
                new Accepted(0, N2, N1, B, 44, 42, 44),
                new Heartbeat(0, N1, N2, B, 40, 12, 1_000_000),
                new HeartbeatAck(0, N2, N1, B, 44, 12, 1_000_000),
                new Nack(0, N2, N1, B, HIGHER),
                new SnapshotChunk(0, N1, N3, B, new SnapshotMetadata(100, B, conf), 10, 0, new byte[]{1, 2, 3, 4}, false),
                new SnapshotChunk(0, N1, N3, B, new SnapshotMetadata(100, B, conf), 10, 4, new byte[]{5, 6, 7, 8, 9, 10}, true),
                new SnapshotChunk(Long.MAX_VALUE, N1, N3, B, SnapshotMetadata.EMPTY, 0, 0, new byte[0], true),
                new SnapshotAck(0, N3, N1, B, 100, 4),
                new TimeoutNow(0, N1, N2, B));
    }
}
