package io.synod.ejb.metrics;

import io.synod.core.consensus.Role;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeMetrics;
import io.synod.ejb.transport.TransportCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

import java.util.function.ToLongFunction;

/**
 * Cluster and consensus gauges, registered when the application starts. Registered programmatically: an
 * annotated gauge would only appear once something first used this bean. Until the runtime starts (bootstrap
 * not reached yet) the consensus and transport gauges read 0.
 *
 * <p>The consensus gauges keep their {@code synod_raft_} names whichever engine runs ({@code synod.protocol}):
 * dashboards and alerts must survive a protocol choice. Under Multi-Paxos the "term" is the promised ballot
 * (round in the high bits, proposer tag in the low 31), the indexes are slots.
 *
 * <p>The {@code _total} ones are monotonic counts kept by the runtime and transport; they are exported as
 * gauges reading those counts because MicroProfile counters cannot be backed by a function.
 */
@ApplicationScoped
public class ClusterMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    SynodNode node;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("synod_members_visible", "Synod members this node currently sees, itself included",
                n -> n.members().size());
        consensus("synod_raft_term", "Current term (Raft) or promised ballot (Multi-Paxos) of this node", RuntimeMetrics::term);
        consensus("synod_raft_commit_index", "Highest log index known committed", RuntimeMetrics::commitIndex);
        consensus("synod_raft_applied_index", "Highest log index applied to the state machines", RuntimeMetrics::appliedIndex);
        consensus("synod_raft_leader_changes_total", "How often the leader this node knows changed (including to none)",
                RuntimeMetrics::leaderChanges);
        consensus("synod_raft_snapshots_taken_total", "Snapshots this node took of its own state (the log compacted behind each)",
                RuntimeMetrics::snapshotsTaken);
        // a follower whose log fell behind the leader's compacted log catches up only through these
        consensus("synod_raft_snapshots_installed_total", "Snapshots received from the leader and installed (InstallSnapshot)",
                RuntimeMetrics::snapshotsInstalled);
        gauge("synod_raft_is_leader", "1 while this node is the consensus leader, else 0",
                n -> n.runtime().map(r -> r.status().role() == Role.LEADER && r.status().running() ? 1L : 0L).orElse(0L));
        consensus("synod_writes_forwarded_total", "Writes made on this node and served by the leader it forwarded them to",
                m -> m.forwardedWriteLatency().count());
        consensus("synod_request_retries_total",
                "Request attempts sent again (leader change, lost connection, unanswered, refused before proposing)",
                RuntimeMetrics::requestRetries);
        transport("synod_transport_frames_in_total", "Frames received from authenticated peers", TransportCounters::framesIn);
        transport("synod_transport_frames_out_total", "Frames sent to peers", TransportCounters::framesOut);
        transport("synod_transport_rejected_frames_total",
                "Inbound frames rejected (unauthenticated, malformed or oversized); each closes its connection",
                TransportCounters::rejectedFrames);
        transport("synod_transport_auth_failures_total", "Failed cluster-secret handshakes", TransportCounters::authFailures);
    }

    private void consensus(String name, String description, ToLongFunction<RuntimeMetrics> value) {
        gauge(name, description, n -> n.runtime().map(r -> value.applyAsLong(r.metrics())).orElse(0L));
    }

    private void transport(String name, String description, ToLongFunction<TransportCounters> value) {
        gauge(name, description, n -> n.runtime().map(r -> value.applyAsLong(r.transportCounters())).orElse(0L));
    }

    private void gauge(String name, String description, ToLongFunction<SynodNode> value) {
        registry.gauge(Metadata.builder()
                        .withName(name)
                        .withDescription(description)
                        .withUnit(MetricUnits.NONE)
                        .build(),
                node, n -> value.applyAsLong(n));
    }
}
