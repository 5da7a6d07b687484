package io.synod.ejb.node;

import io.synod.api.ClusterMember;
import io.synod.core.consensus.NodeId;
import io.synod.ejb.config.NodeSettings;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeSettings;
import io.synod.ejb.transport.TransportSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Starts this instance's {@link NodeRuntime} at the right moment and keeps its peer addresses in step with
 * discovery. Fed the live member list on every discovery poll ({@link #onMembers}); all calls come from one
 * scheduler task at a time, the synchronisation only guards against {@link #close} racing with one.
 *
 * <ul>
 *   <li>Raft state in {@code <data dir>/raft}: resume from it (a restart), whatever discovery shows.</li>
 *   <li>No state: wait for {@code synod.bootstrap-expect} members, then bootstrap with {@link BootstrapRule}.</li>
 *   <li>No state and not among the first voters: stay passive. Joining an existing cluster as a learner is not
 *       implemented yet; pretending to be a voter would split the configuration, so this node does nothing.</li>
 * </ul>
 */
public final class RaftHost implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RaftHost.class.getName());

    /** Where the host is in its life; {@link #detail()} says why. */
    public enum Phase { WAITING_FOR_MEMBERS, RUNNING, PASSIVE, FAILED, CLOSED }

    private final NodeSettings settings;
    private final InetSocketAddress bindAddress;
    private final ThreadFactory threads;
    private volatile NodeRuntime runtime;
    private volatile Phase phase = Phase.WAITING_FOR_MEMBERS;
    private volatile String detail = "";
    private Map<NodeId, InetSocketAddress> peers = Map.of();

    public RaftHost(NodeSettings settings, String transportHost, ThreadFactory threads) {
        this.settings = settings;
        this.bindAddress = new InetSocketAddress(transportHost, settings.transportPort());
        this.threads = threads;
    }

    public Path raftDir() {
        return settings.dataDir().resolve("raft");
    }

    /** The live members changed (or may have): start the runtime when due, and tell it where the peers are. */
    public synchronized void onMembers(List<ClusterMember> members) {
        if (phase == Phase.WAITING_FOR_MEMBERS) {
            tryStart(members);
        }
        NodeRuntime current = runtime;
        if (current != null) {
            Map<NodeId, InetSocketAddress> now = members.stream()
                    .filter(m -> !m.local())
                    .collect(Collectors.toUnmodifiableMap(m -> NodeId.of(m.nodeId()),
                            m -> InetSocketAddress.createUnresolved(m.transportHost(), m.transportPort()), (a, b) -> a));
            if (!now.equals(peers)) {
                current.updatePeers(resolved(now));
                peers = now;
                LOG.info(() -> "Synod node " + settings.nodeId() + " peers now " + now.keySet());
            }
        }
    }

    private static Map<NodeId, InetSocketAddress> resolved(Map<NodeId, InetSocketAddress> unresolved) {
        return unresolved.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> new InetSocketAddress(e.getValue().getHostString(), e.getValue().getPort())));
    }

    private void tryStart(List<ClusterMember> members) {
        NodeId self = settings.nodeId();
        try {
            if (NodeRuntime.hasState(raftDir())) {
                // the voters passed are ignored: only a pristine log records an initial configuration
                start(Set.of(self), "resuming from " + raftDir());
                return;
            }
            List<NodeId> visible = members.stream().map(m -> NodeId.of(m.nodeId())).toList();
            Optional<Set<NodeId>> voters = BootstrapRule.firstVoters(settings.bootstrapExpect(), visible);
            if (voters.isEmpty()) {
                detail = "waiting for " + settings.bootstrapExpect() + " members, " + visible.size() + " visible";
                return;
            }
            if (!voters.get().contains(self)) {
                phase = Phase.PASSIVE;
                detail = "not among the first voters " + voters.get()
                        + "; joining an existing cluster as a learner is not implemented yet, so this node stays passive";
                LOG.warning(() -> "Synod node " + self + ": " + detail);
                return;
            }
            start(voters.get(), "bootstrapping a new cluster with voters " + voters.get());
        } catch (IOException | RuntimeException e) {
            phase = Phase.FAILED;
            detail = "the Raft runtime could not start: " + e;
            LOG.log(Level.SEVERE, "Synod node " + self + ": " + detail, e);
        }
    }

    private void start(Set<NodeId> voters, String why) throws IOException {
        LOG.info(() -> "Synod node " + settings.nodeId() + " starting Raft: " + why + "; transport on " + bindAddress);
        TransportSettings transport = TransportSettings.defaults(settings.nodeId(), bindAddress,
                settings.clusterSecret().bytes());
        RuntimeSettings runtimeSettings = RuntimeSettings.defaults(settings.nodeId(), raftDir(), transport, voters)
                .withTick(Duration.ofMillis(settings.raftTickMillis()))
                .withSnapshotEntries(settings.snapshotEntries())
                .withKvLimits(settings.kvLimits());
        runtime = NodeRuntime.start(runtimeSettings, threads);
        phase = Phase.RUNNING;
        detail = why;
    }

    public Optional<NodeRuntime> runtime() {
        return Optional.ofNullable(runtime);
    }

    public Phase phase() {
        return phase;
    }

    public String detail() {
        return detail;
    }

    @Override
    public synchronized void close() {
        phase = Phase.CLOSED;
        NodeRuntime current = runtime;
        if (current != null) {
            current.close();
        }
    }
}
