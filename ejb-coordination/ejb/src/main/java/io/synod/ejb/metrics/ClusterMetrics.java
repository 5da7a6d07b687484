package io.synod.ejb.metrics;

import io.synod.core.consensus.Role;
import io.synod.ejb.lock.LockMetrics;
import io.synod.core.detector.MemberStatistics;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeMetrics;
import io.synod.ejb.transport.TransportCounters;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<String> phiGauges = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> memberGauges;

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
        gauge("synod_detector_suspected_total", "Times the failure detector started suspecting a peer",
                n -> n.failureDetector().transitions().suspected());
        gauge("synod_detector_recovered_total", "Times a suspected or condemned peer's heartbeat arrived again",
                n -> n.failureDetector().transitions().recovered());
        gauge("synod_detector_condemned_total", "Times a peer stayed suspected for synod.detector.condemn-after-millis",
                n -> n.failureDetector().transitions().condemned());
        gauge("synod_detector_heartbeats_received_total", "Failure-detector heartbeats heard from peers",
                n -> n.failureDetector().heartbeatsHeard());
        // peers appear with discovery: their phi gauges are added as the detector starts watching them
        memberGauges = scheduler.scheduleWithFixedDelay(this::registerMemberGauges, 1, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (memberGauges != null) {
            memberGauges.cancel(false);
        }
    }

    /** {@code synod_detector_phi{member=...}} for every peer watched so far; a peer gone since reads 0. */
    private void registerMemberGauges() {
        try {
            for (MemberStatistics peer : node.failureDetector().statistics()) {
                String member = peer.member().value();
                if (phiGauges.add(member)) {
                    registry.gauge(Metadata.builder().withName("synod_detector_phi")
                                    .withDescription("Phi-accrual suspicion of the peer as seen by this node; suspected at"
                                            + " synod.detector.phi-threshold").withUnit(MetricUnits.NONE).build(),
                            node, n -> phiOf(n, member), new Tag("member", member));
                }
            }
        } catch (RuntimeException e) {
            // not started yet, or stopping: the next run tries again
        }
    }

    private static double phiOf(SynodNode n, String member) {
        return n.failureDetector().statistics().stream().filter(s -> s.member().value().equals(member))
                .mapToDouble(MemberStatistics::phi).findFirst().orElse(0.0);
    }

    private void registerLocks() {
        lock("synod_lock_grants_total", "Locks granted to this node's session", LockMetrics.Counts::grants);
        lock("synod_lock_waits_total", "Grants to this node that had to wait in the lock's queue",
                LockMetrics.Counts::waits);
        lock("synod_lock_wait_millis_total", "Time this node's granted acquires spent queued",
                LockMetrics.Counts::waitMillis);
        lock("synod_lock_wait_timeouts_total", "tryAcquire calls on this node not granted in time",
                LockMetrics.Counts::waitTimeouts);
        lock("synod_lock_leases_lost_total", "Leases of this node lost (session expired or revoked)",
                LockMetrics.Counts::leasesLost);
        lock("synod_lock_sessions_expired_total", "Sessions this node expired as leader",
                LockMetrics.Counts::sessionsExpired);
        lock("synod_lock_fenced_writes_rejected_total", "Fenced writes from this node refused for a newer token",
                LockMetrics.Counts::fencedRejections);
    }

    private void lock(String name, String description, ToLongFunction<LockMetrics.Counts> value) {
        gauge(name, description, n -> {
            try {
                return value.applyAsLong(n.locks().metrics().counts());
            } catch (io.synod.api.SynodUnavailableException notStarted) {
                return 0L;
            }
        });
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
