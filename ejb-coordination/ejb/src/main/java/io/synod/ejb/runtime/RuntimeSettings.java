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
 * @param initialVoters   the first voting configuration, recorded only when {@code dataDir} is empty; empty
 *                        means this node joins an existing cluster: it records nothing and waits for a leader
 *                        to add it (the configuration then arrives with the log)
 * @param tick            length of one engine tick
 * @param electionTicks   base election timeout in ticks (randomised up to twice that)
 * @param heartbeatTicks  leader heartbeat interval in ticks
 * @param snapshotEntries a snapshot is taken (and the log compacted behind it) every this many applied entries
 * @param kvLimits        key/value limits; identical on every member (they shape the replicated state)
 * @param sessions        duplicate-detection bounds; identical on every member
 * @param requestTimeout  how long a leader-only request keeps being retried at whoever leads before it fails
 *                        ({@code synod.client.request-timeout-millis})
 * @param protocol        the consensus engine; identical on every member (recorded in {@code dataDir})
 */
public record RuntimeSettings(NodeId nodeId, Path dataDir, TransportSettings transport, Set<NodeId> initialVoters,
                              Duration tick, int electionTicks, int heartbeatTicks, long snapshotEntries,
                              KvLimits kvLimits, ClientSessionPolicy sessions,
                              Duration requestTimeout, ConsensusProtocol protocol) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RuntimeSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(kvLimits, "kvLimits");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("requestTimeout must be at least 1 ms, got " + requestTimeout);
        }
        Objects.requireNonNull(protocol, "protocol");
        initialVoters = Set.copyOf(initialVoters);
        if (!transport.localId().equals(nodeId)) {
            throw new IllegalArgumentException("transport is for " + transport.localId() + ", not " + nodeId);
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

    /**
     * Production defaults: Raft, 100 ms ticks, 1 s base election timeout, a snapshot every 10,000 entries, requests
     * retried for up to 10 s.
     */
    public static RuntimeSettings defaults(NodeId nodeId, Path dataDir, TransportSettings transport,
                                           Set<NodeId> initialVoters) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, Duration.ofMillis(100), 10, 1,
                10_000, KvLimits.DEFAULT, ClientSessionPolicy.DEFAULT, DEFAULT_REQUEST_TIMEOUT,
                ConsensusProtocol.RAFT);
    }

    public RuntimeSettings withTick(Duration newTick) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, newTick, electionTicks,
                heartbeatTicks, snapshotEntries, kvLimits, sessions, requestTimeout, protocol);
    }

    public RuntimeSettings withSnapshotEntries(long entries) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, tick, electionTicks, heartbeatTicks,
                entries, kvLimits, sessions, requestTimeout, protocol);
    }

    public RuntimeSettings withRequestTimeout(Duration timeout) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, tick, electionTicks, heartbeatTicks,
                snapshotEntries, kvLimits, sessions, timeout, protocol);
    }

    public RuntimeSettings withKvLimits(KvLimits limits) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, tick, electionTicks, heartbeatTicks,
                snapshotEntries, limits, sessions, requestTimeout, protocol);
    }

    public RuntimeSettings withTransport(TransportSettings newTransport) {
        return new RuntimeSettings(nodeId, dataDir, newTransport, initialVoters, tick, electionTicks,
                heartbeatTicks, snapshotEntries, kvLimits, sessions, requestTimeout, protocol);
    }

    public RuntimeSettings withProtocol(ConsensusProtocol newProtocol) {
        return new RuntimeSettings(nodeId, dataDir, transport, initialVoters, tick, electionTicks, heartbeatTicks,
                snapshotEntries, kvLimits, sessions, requestTimeout, newProtocol);
    }
}
