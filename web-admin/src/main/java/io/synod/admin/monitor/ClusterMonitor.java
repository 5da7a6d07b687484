package io.synod.admin.monitor;

import io.synod.api.ClusterMember;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.PeerProgress;
import io.synod.ejb.discovery.HazelcastLocator;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.LatencyHistogram;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeMetrics;
import io.synod.ejb.runtime.RuntimeStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Samples this instance every {@value #SAMPLE_MILLIS} ms: publishes its {@link MemberReport}, folds in the
 * others' into the current {@link ClusterPicture}, notes leader changes, and once a second appends a
 * {@link ChartSample} to a 15-minute ring. Pages read the results; they never wait for the cluster.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterMonitor {

    static final long SAMPLE_MILLIS = 250;
    /** A member whose report has not changed for this long is shown unreachable (it publishes every sample). */
    static final long STALE_AFTER_MILLIS = 2_500;
    /** Fifteen minutes of one sample a second. */
    static final int CHART_SECONDS = 15 * 60;
    private static final long DISK_EVERY_MILLIS = 2_000;
    private static final Logger LOG = Logger.getLogger(ClusterMonitor.class.getName());

    @Inject
    SynodNode node;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final LeaderHistory leaders = new LeaderHistory(20);
    private final SampleRing<ChartSample> charts = new SampleRing<>(CHART_SECONDS);
    private final HistogramWindow proposals = new HistogramWindow(LatencyHistogram.upperBounds());
    private final HistogramWindow fsyncs = new HistogramWindow(LatencyHistogram.upperBounds());
    private long sequence = new SecureRandom().nextInt(1 << 30);
    private StatusBoard board;
    private DiskUsage disk = new DiskUsage(0, 0, 0);
    private long diskMeasuredAt;
    private long lastChartAt;
    private long lastCommitIndex = -1;
    private volatile ClusterPicture picture;
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        picture = ClusterPicture.empty(node.settings().nodeId().value());
        task = scheduler.scheduleWithFixedDelay(this::sampleSafely, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    public ClusterPicture picture() {
        return picture;
    }

    public LeaderHistory leaders() {
        return leaders;
    }

    public List<ChartSample> charts() {
        return charts.snapshot();
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            // Hazelcast shutting down with the server, a runtime closing: the next sample tries again
            LOG.log(Level.FINE, "console sample failed", e);
        }
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        String self = node.settings().nodeId().value();
        Optional<NodeRuntime> runtime = node.runtime();
        Optional<RuntimeStatus> status = runtime.map(NodeRuntime::status);
        if (now - diskMeasuredAt >= DISK_EVERY_MILLIS * 1_000_000 || diskMeasuredAt == 0) {
            disk = DiskUsage.of(node.settings().dataDir());
            diskMeasuredAt = now;
        }
        Optional<MemberReport> own = node.localMember().map(m -> report(m, runtime, status));
        if (board == null) {
            board = HazelcastLocator.find().map(StatusBoard::new).orElse(null);
        }
        Map<String, ReceivedReport> others = Map.of();
        if (board != null) {
            own.ifPresent(board::publish);
            others = board.others(self, now);
        }
        Map<String, String> visible = node.members().stream()
                .collect(Collectors.toMap(ClusterMember::nodeId, ClusterMember::transportAddress, (a, b) -> a));
        Set<String> voters = status.map(s -> ids(s.confState().voters())).orElse(Set.of());
        Set<String> learners = status.map(s -> ids(s.confState().learners())).orElse(Set.of());
        ClusterPicture next = ClusterPicture.of(new Observation(self, own, visible, voters, learners, others,
                node.settings().healthMaxLag(), STALE_AFTER_MILLIS));
        picture = next;
        status.filter(RuntimeStatus::running)
                .ifPresent(s -> leaders.observe(Instant.now(), s.term(), s.leader().map(NodeId::value)));
        if (now - lastChartAt >= 1_000_000_000L) {
            double seconds = lastChartAt == 0 ? 0 : (now - lastChartAt) / 1e9;
            lastChartAt = now;
            runtime.ifPresent(r -> charts.add(chartSample(r.metrics(), next, seconds)));
        }
    }

    private MemberReport report(ClusterMember me, Optional<NodeRuntime> runtime, Optional<RuntimeStatus> status) {
        long nowMillis = System.currentTimeMillis();
        Map<String, Long> match = new HashMap<>();
        Map<String, Long> heard = new HashMap<>();
        runtime.ifPresent(r -> {
            for (PeerProgress p : r.replication().values()) {
                match.put(p.peer().value(), p.match());
            }
            r.lastHeardMillis().forEach((peer, at) -> heard.put(peer.value(), Math.max(0, nowMillis - at)));
        });
        RuntimeStatus s = status.filter(RuntimeStatus::running).orElse(null);
        return new MemberReport(me.nodeId(), ++sequence, me.transportAddress(),
                s == null ? Optional.empty() : Optional.of(s.role().name()),
                s == null ? 0 : s.term(), s == null ? Optional.empty() : s.leader().map(NodeId::value),
                s == null ? 0 : s.commitIndex(), s == null ? 0 : s.appliedIndex(),
                s == null ? 0 : s.lastIndex(), s == null ? 0 : s.snapshotIndex(), disk, match, heard);
    }

    private ChartSample chartSample(RuntimeMetrics metrics, ClusterPicture now, double seconds) {
        long commit = metrics.commitIndex();
        OptionalDouble commitsPerSecond = lastCommitIndex < 0 || seconds <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, commit - lastCommitIndex) / seconds);
        lastCommitIndex = commit;
        OptionalDouble[] proposal = proposals.next(metrics.proposalLatency().bucketCounts(), 0.5, 0.99);
        OptionalDouble[] fsync = fsyncs.next(metrics.fsyncLatency().bucketCounts(), 0.5, 0.99);
        Map<String, Long> lag = new HashMap<>();
        now.members().forEach(m -> m.lag().ifPresent(l -> lag.put(m.nodeId(), l)));
        return new ChartSample(System.currentTimeMillis(), commitsPerSecond, proposal[0], proposal[1], fsync[0],
                fsync[1], lag);
    }

    private static Set<String> ids(Set<NodeId> ids) {
        return ids.stream().map(NodeId::value).collect(Collectors.toSet());
    }

    /** For the console's "measured every" note. */
    public static Duration samplePeriod() {
        return Duration.ofMillis(SAMPLE_MILLIS);
    }
}
