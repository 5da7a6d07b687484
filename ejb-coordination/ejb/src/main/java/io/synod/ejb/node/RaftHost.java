package io.synod.ejb.node;

import io.synod.api.ClusterMember;
import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.ejb.config.NodeSettings;
import io.synod.ejb.membership.MembershipPolicy;
import io.synod.ejb.membership.MembershipSteward;
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
 * <p>Despite its name (kept so that existing code and operators' logs stay familiar) it hosts whichever
 * consensus engine {@code synod.protocol} selects; the log directory keeps its historical name {@code raft}
 * for both, and records which protocol wrote it.
 *
 * <ul>
 *   <li>Consensus state in {@code <data dir>/raft}: resume from it (a restart), whatever discovery shows. A
 *       directory written by the other protocol is refused ({@code ProtocolMismatchException}): phase FAILED,
 *       logged.</li>
 *   <li>No state: wait for {@code synod.bootstrap-expect} members, then bootstrap with {@link BootstrapRule}.</li>
 *   <li>No state and not among the first voters: a cluster exists (or is forming without this node). Start the
 *       runtime with no configuration: it never campaigns and never votes, it only waits for a leader to add it
 *       (the configuration then arrives with the log). Discovery announces it as joining meanwhile.</li>
 * </ul>
 * While the runtime here leads, each call also lets the {@link MembershipSteward} propose the next membership
 * change (add a joiner as learner, promote a caught-up learner).
 */
public final class RaftHost implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RaftHost.class.getName());

    /** Where the host is in its life; {@link #detail()} says why. */
    public enum Phase { WAITING_FOR_MEMBERS, RUNNING, FAILED, CLOSED }

    private final NodeSettings settings;
    private final InetSocketAddress bindAddress;
    private final ThreadFactory threads;
    private volatile NodeRuntime runtime;
    private volatile Phase phase = Phase.WAITING_FOR_MEMBERS;
    private volatile String detail = "";
    private Map<NodeId, InetSocketAddress> peers = Map.of();
    private final PeerAddressBook addresses = new PeerAddressBook();
    private final MembershipSteward steward;
    /** The last change proposed, to log each decision once rather than at every check until it is applied. */
    private Optional<ConfChange> lastProposed = Optional.empty();

    public RaftHost(NodeSettings settings, String transportHost, ThreadFactory threads) {
        this.settings = settings;
        this.steward = new MembershipSteward(new MembershipPolicy(settings.autoPromote(), settings.catchUpEntries(),
                MembershipPolicy.DEFAULT_STEADY_CHECKS));
        this.bindAddress = new InetSocketAddress(transportHost, settings.transportPort());
        this.threads = threads;
    }

    public Path raftDir() {
        return settings.dataDir().resolve("raft");
    }

    /**
     * The live members changed (or may have): start the runtime when due, tell it where the peers are, and
     * (leader only) take the next membership step.
     *
     * @param joining the members that announce they wait to be added (see {@link #awaitingJoin})
     */
    public synchronized void onMembers(List<ClusterMember> members, Set<NodeId> joining) {
        if (phase == Phase.WAITING_FOR_MEMBERS) {
            tryStart(members);
        }
        NodeRuntime current = runtime;
        if (current != null) {
            Map<NodeId, InetSocketAddress> now = members.stream()
                    .filter(m -> !m.local())
                    .collect(Collectors.toUnmodifiableMap(m -> NodeId.of(m.nodeId()),
                            m -> InetSocketAddress.createUnresolved(m.transportHost(), m.transportPort()), (a, b) -> a));
            Map<NodeId, InetSocketAddress> wanted = addresses.peersFor(now, current.status().confState(),
                    settings.nodeId());
            if (!wanted.equals(peers)) {
                current.updatePeers(resolved(wanted));
                peers = wanted;
                LOG.info(() -> "Synod node " + settings.nodeId() + " peers now " + wanted.keySet() + " (visible "
                        + now.keySet() + ")");
            }
            stewardMembership(current, joining);
        }
    }

    /**
     * Whether this node runs with no configuration at all, waiting for a leader to add it. Once the leader's
     * ADD_LEARNER entry reaches it, it carries the whole configuration and this turns false; a removed member
     * still knows a configuration (without itself), so it never asks to be added back on its own.
     */
    public boolean awaitingJoin() {
        NodeRuntime current = runtime;
        if (current == null) {
            return false;
        }
        ConfState conf = current.status().confState();
        return conf.voters().isEmpty() && conf.learners().isEmpty();
    }

    private void stewardMembership(NodeRuntime current, Set<NodeId> joining) {
        // Discovery (Hazelcast) knows nothing of the cluster secret: only a joiner whose transport proved it
        // to this leader is added, so an instance with the wrong secret never enters the configuration.
        Set<NodeId> authenticated = current.authenticatedPeers();
        Set<NodeId> candidates = joining.stream().filter(authenticated::contains).collect(Collectors.toUnmodifiableSet());
        Optional<ConfChange> change = steward.next(current.status(), candidates);
        if (change.isEmpty()) {
            lastProposed = Optional.empty();
            return;
        }
        current.proposeConfChange(change.get()).whenComplete((index, refused) -> {
            if (refused == null) {
                LOG.info(() -> "Synod node " + settings.nodeId() + " proposed " + change.get() + " at index " + index);
            } else if (!change.equals(lastProposed)) {
                // usually the previous change is still pending, or no entry of this term is committed yet
                LOG.fine(() -> "Synod node " + settings.nodeId() + ": " + change.get() + " not proposed yet: "
                        + refused.getMessage());
            }
        });
        lastProposed = change;
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
                start(Set.of(), "joining: not among the first voters " + voters.get()
                        + ", waiting for the leader to add this node as a learner");
                return;
            }
            start(voters.get(), "bootstrapping a new cluster with voters " + voters.get());
        } catch (IOException | RuntimeException e) {
            phase = Phase.FAILED;
            detail = "the " + settings.protocol() + " runtime could not start: " + e;
            LOG.log(Level.SEVERE, "Synod node " + self + ": " + detail, e);
        }
    }

    private void start(Set<NodeId> voters, String why) throws IOException {
        LOG.info(() -> "Synod node " + settings.nodeId() + " starting " + settings.protocol() + ": " + why + "; transport on " + bindAddress);
        TransportSettings transport = TransportSettings.defaults(settings.nodeId(), bindAddress,
                settings.clusterSecret().bytes());
        RuntimeSettings runtimeSettings = RuntimeSettings.defaults(settings.nodeId(), raftDir(), transport, voters)
                .withTick(Duration.ofMillis(settings.raftTickMillis()))
                .withSnapshotEntries(settings.snapshotEntries())
                .withRequestTimeout(Duration.ofMillis(settings.clientRequestTimeoutMillis()))
                .withProtocol(settings.protocol())
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
