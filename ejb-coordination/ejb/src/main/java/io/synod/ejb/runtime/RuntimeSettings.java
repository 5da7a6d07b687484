package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ClientSessionPolicy;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.ejb.transport.TransportSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How one {@link NodeRuntime} runs.
 *
 * @param dataDir         the durable log directory (WAL, snapshots, hard state); reopened on restart
 * @param transport       the transport's settings; its {@code localId} must be this node
 * @param initialVoters   the first voting configuration, recorded only when {@code dataDir} is empty (a fixed
 *                        bootstrap; discovery-driven bootstrap replaces it later)
 * @param tick            length of one Raft tick
 * @param electionTicks   base election timeout in ticks (randomised up to twice that)
 * @param heartbeatTicks  leader heartbeat interval in ticks
 * @param snapshotEntries a snapshot is taken (and the log compacted behind it) every this many applied entries
 * @param kvLimits        key/value limits; identical on every member (they shape the replicated state)
 * @param sessions        duplicate-detection bounds; identical on every member
 */
public record RuntimeSettings(NodeId nodeId, Path dataDir, TransportSettings transport, Set<NodeId> initialVoters,
                              Duration tick, int electionTicks, int heartbeatTicks, long snapshotEntries,
                              KvLimits kvLimits, ClientSessionPolicy sessions) {

    public RuntimeSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(kvLimits, "kvLimits");
        Objects.requireNonNull(sessions, "sessions");
        initialVoters = Set.copyOf(initialVoters);
        if (!transport.localId().equals(nodeId)) {
            throw new IllegalArgumentException("transport is for " + transport.localId() + ", not " + nodeId);
        }
        if (initialVoters.isEmpty()) {
            throw new IllegalArgumentException("the initial voter set must not be empty");
        }
        if (tick.toMillis() < 1) {
            throw new IllegalArgumentException("tick must be at least 1 ms, got " + tick);
        }
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks, got " + heartbeatTicks
                    + " and " + electionTicks);
        }
        if (snapshotEntries < 1) {
            throw new IllegalArgumentException("snapshotEntries must be >= 1, got " + snapshotEntries);
        }
    }

    /** Production defaults: 100 ms ticks, 1 s base election timeout, a snapshot every 10,000 entries. */
    public static RuntimeSettings defaults(NodeId nodeId, Path dataDir, TransportSettings transport,
                                           Set<NodeId> initialVoters) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, Duration.ofMillis(100), 10, 1,
                10_000, KvLimits.DEFAULT, ClientSessionPolicy.DEFAULT);
    }

    public RuntimeSettings withTick(Duration newTick) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, newTick, electionTicks,
                heartbeatTicks, snapshotEntries, kvLimits, sessions);
    }

    public RuntimeSettings withSnapshotEntries(long entries) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, tick, electionTicks, heartbeatTicks,
                entries, kvLimits, sessions);
    }

    public RuntimeSettings withKvLimits(KvLimits limits) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, tick, electionTicks, heartbeatTicks,
                snapshotEntries, limits, sessions);
    }

    public RuntimeSettings withTransport(TransportSettings newTransport) {
        return new RuntimeSettings(nodeId, dataDir, newTransport, initialVoters, tick, electionTicks,
                heartbeatTicks, snapshotEntries, kvLimits, sessions);
    }
}
