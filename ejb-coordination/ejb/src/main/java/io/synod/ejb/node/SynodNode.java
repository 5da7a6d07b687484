package io.synod.ejb.node;

import com.hazelcast.core.HazelcastInstance;
import io.synod.api.ClusterMember;
import io.synod.api.DistributedLock;
import io.synod.api.ClusterView;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodCluster;
import io.synod.api.SynodConnectionFactory;
import io.synod.api.spi.SynodBackend;
import io.synod.api.spi.MemberEventHub;
import io.synod.api.spi.SynodBackendRegistry;
import io.synod.ejb.config.InvalidConfigurationException;
import io.synod.ejb.config.NodeSettings;
import io.synod.ejb.config.NodeSettingsReader;
import io.synod.ejb.detector.DetectorClusterView;
import io.synod.ejb.detector.DetectorSettings;
import io.synod.ejb.detector.FailureDetector;
import io.synod.ejb.detector.HeartbeatRound;
import io.synod.ejb.detector.OrderedPublisher;
import io.synod.ejb.discovery.DuplicateNodeIdException;
import io.synod.ejb.discovery.HazelcastLocator;
import io.synod.ejb.discovery.MemberAnnouncement;
import io.synod.ejb.discovery.MemberDirectory;
import io.synod.ejb.kv.ExpiryProposer;
import io.synod.ejb.kv.RuntimeKeyValueStore;
import io.synod.ejb.lock.CoordinationExpiryProposer;
import io.synod.ejb.lock.LockMetrics;
import io.synod.ejb.lock.RuntimeDistributedLock;
import io.synod.ejb.security.AdminCredentials;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import io.synod.ejb.runtime.NodeRuntime;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Synod node of this server instance. Starts with the application: validates configuration (an invalid
 * value fails the deployment with a one-line reason), locks the data directory, announces itself through
 * Payara's Hazelcast and publishes itself to the resource adapter so applications can reach it.
 *
 * <p>The connection factory definition lives here so that it exists exactly as long as the node does.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ConnectionFactoryDefinition(
        name = SynodConnectionFactory.JNDI_NAME,
        interfaceName = "io.synod.api.SynodConnectionFactory",
        resourceAdapter = "synod-connector",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        description = "Synod: connections to the node on this instance")
public class SynodNode {

    private static final Logger LOG = Logger.getLogger(SynodNode.class.getName());
    private static final long DISCOVERY_RETRY_MILLIS = 500;
    private static final long REANNOUNCE_SECONDS = 2;
    /** How often discovery is compared with what the Raft runtime knows; a change reaches it within this. */
    private static final long MEMBERSHIP_POLL_MILLIS = 250;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** The Raft runtime's event loop, storage writer, ticker and Netty threads all come from here. */
    @Resource
    private ManagedThreadFactory threadFactory;

    private volatile NodeSettings settings;
    private volatile AdminCredentials adminCredentials;
    private volatile Optional<AdminCredentials> viewerCredentials = Optional.empty();
    private volatile NodeState state = NodeState.DISCOVERING;
    private volatile String failure = "";
    private volatile MemberDirectory directory;
    private DataDirectoryLock dataDirectoryLock;
    private ScheduledFuture<?> discoveryRetry;
    private ScheduledFuture<?> reannouncement;
    private ScheduledFuture<?> membershipPoll;
    private volatile RaftHost raftHost;
    /** Longest a key-value request waits for its answer (a write is then reported indeterminate). */
    /**
     * Beyond the runtime's own request timeout ({@code synod.client.request-timeout-millis}), which answers with a
     * typed outcome (no leader, indeterminate) first; this bound only covers a runtime that stopped answering.
     */
    private static final Duration KV_TIMEOUT_SLACK = Duration.ofSeconds(5);
    /** How often the leader proposes the removal of expired keys: how late past its TTL a key may still be seen. */
    private static final long EXPIRY_PERIOD_MILLIS = 1000;

    private ScheduledFuture<?> expiry;
    private ScheduledFuture<?> heartbeats;
    private volatile FailureDetector detector;
    private volatile DetectorClusterView clusterView;
    private volatile RuntimeKeyValueStore keyValues;
    private volatile RuntimeDistributedLock locks;
    private ScheduledFuture<?> coordinationExpiry;
    private final SynodBackend backend = new SynodBackend() {
        @Override
        public SynodCluster cluster() {
            return new LocalCluster();
        }

        @Override
        public KeyValueStore keyValues() {
            return SynodNode.this.keyValues();
        }

        @Override
        public DistributedLock locks() {
            return SynodNode.this.locks();
        }

        @Override
        public ClusterView clusterView() {
            return SynodNode.this.clusterView();
        }
    };

    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig();
        try {
            settings = new NodeSettingsReader(key -> config.getOptionalValue(key, String.class))
                    .read(PayaraInstanceName.find(), serverRoot());
        } catch (InvalidConfigurationException e) {
            LOG.severe("Synod node refuses to start: " + e.getMessage());
            throw e;
        }
        try {
            dataDirectoryLock = DataDirectoryLock.acquire(settings.dataDir());
        } catch (IllegalStateException e) {
            LOG.severe("Synod node refuses to start: " + e.getMessage());
            throw e;
        }
        adminCredentials = AdminCredentials.resolve(settings.adminUsername(), settings.adminPassword(),
                settings.dataDir(), LOG::warning);
        viewerCredentials = settings.viewer().map(v -> AdminCredentials.configured(v.username(), v.password()));
        LOG.info(() -> "Synod node " + settings.nodeId() + " starting with " + settings.describe());
        expiry = scheduler.scheduleWithFixedDelay(new ExpiryProposer(this::runtime),
                EXPIRY_PERIOD_MILLIS, EXPIRY_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        LockMetrics lockMetrics = new LockMetrics();
        Duration answerBound = Duration.ofMillis(settings.clientRequestTimeoutMillis()).plus(KV_TIMEOUT_SLACK);
        keyValues = new RuntimeKeyValueStore(this::runtime, settings.kvLimits(), answerBound, scheduler,
                lockMetrics::fencedWriteRejected);
        locks = new RuntimeDistributedLock(this::runtime, settings.nodeId().value(),
                Duration.ofMillis(settings.sessionTtlMillis()), answerBound, scheduler, scheduler, lockMetrics);
        // A lapsed session is expired within about one period past its TTL.
        long sessionPeriod = Math.max(100, Math.min(EXPIRY_PERIOD_MILLIS, settings.sessionTtlMillis() / 4));
        coordinationExpiry = scheduler.scheduleWithFixedDelay(new CoordinationExpiryProposer(this::runtime,
                lockMetrics), sessionPeriod, sessionPeriod, TimeUnit.MILLISECONDS);
        startFailureDetector();
        if (!tryStartDiscovery()) {
            discoveryRetry = scheduler.scheduleWithFixedDelay(this::retryDiscovery,
                    DISCOVERY_RETRY_MILLIS, DISCOVERY_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
        SynodBackendRegistry.register(backend);
    }

    @PreDestroy
    void stop() {
        SynodBackendRegistry.unregister(backend);
        if (discoveryRetry != null) {
            discoveryRetry.cancel(false);
        }
        if (reannouncement != null) {
            reannouncement.cancel(false);
        }
        if (membershipPoll != null) {
            membershipPoll.cancel(false);
        }
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (coordinationExpiry != null) {
            coordinationExpiry.cancel(false);
        }
        if (locks != null) {
            locks.shutdown(); // while the runtime still runs: this node's locks go to their waiters now
        }
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        RaftHost host = raftHost;
        if (host != null) {
            host.close(); // before discovery goes: the others see this member leave only once it stopped voting
        }
        MemberDirectory current = directory;
        if (current != null) {
            current.stop();
        }
        if (dataDirectoryLock != null) {
            dataDirectoryLock.close();
        }
        state = NodeState.STOPPED;
        LOG.info(() -> "Synod node " + settings.nodeId() + " stopped");
    }

    public NodeSettings settings() {
        return settings;
    }

    public AdminCredentials adminCredentials() {
        return adminCredentials;
    }

    /** The read-only console user, if configured. */
    public Optional<AdminCredentials> viewerCredentials() {
        return viewerCredentials;
    }

    public NodeState state() {
        return state;
    }

    /** Why the node is {@link NodeState#FAILED}; empty otherwise. */
    public String failure() {
        return failure;
    }

    /** Live members (empty until discovery started). */
    public List<ClusterMember> members() {
        MemberDirectory current = directory;
        return current == null ? List.of() : current.members();
    }

    /** The Raft host, once discovery started (it decides when the runtime itself starts). */
    public Optional<RaftHost> raftHost() {
        return Optional.ofNullable(raftHost);
    }

    /** The key-value store this node serves (to applications through the adapter, to operators through the ops API). */
    public RuntimeKeyValueStore keyValues() {
        RuntimeKeyValueStore store = keyValues;
        if (store == null) {
            throw new io.synod.api.SynodUnavailableException("the Synod node has not started");
        }
        return store;
    }

    /** The locks this node's session holds (to applications through the adapter, to operators' views). */
    public RuntimeDistributedLock locks() {
        RuntimeDistributedLock current = locks;
        if (current == null) {
            throw new io.synod.api.SynodUnavailableException("the Synod node has not started");
        }
        return current;
    }

    /**
     * Heartbeats to every peer each interval, on the managed scheduler; they are heard on the transport's threads.
     * Member events reach applications through the {@link MemberEventHub}, in order, on the managed executor.
     */
    private void startFailureDetector() {
        DetectorSettings tuning = settings.detector();
        detector = new FailureDetector(tuning, FailureDetector::systemMonotonicMillis);
        clusterView = new DetectorClusterView(settings.nodeId(), detector, Clock.systemUTC());
        OrderedPublisher publisher = new OrderedPublisher(scheduler, MemberEventHub::publish);
        long interval = tuning.heartbeatInterval().toMillis();
        heartbeats = scheduler.scheduleAtFixedRate(new HeartbeatRound(settings.nodeId(), detector, this::runtime,
                publisher, Clock.systemUTC()), interval, interval, TimeUnit.MILLISECONDS);
    }

    /** The failure detector of this node (for the ops API and metrics). */
    public FailureDetector failureDetector() {
        FailureDetector current = detector;
        if (current == null) {
            throw new io.synod.api.SynodUnavailableException("the Synod node has not started");
        }
        return current;
    }

    /** The failure detector's view of the peers, as applications see it. */
    public ClusterView clusterView() {
        DetectorClusterView current = clusterView;
        if (current == null) {
            throw new io.synod.api.SynodUnavailableException("the Synod node has not started");
        }
        return current;
    }

    /** The running Raft runtime of this instance, if it started (bootstrapped or resumed). */
    public Optional<NodeRuntime> runtime() {
        return raftHost().flatMap(RaftHost::runtime);
    }

    public Optional<ClusterMember> localMember() {
        MemberDirectory current = directory;
        if (current == null) {
            return Optional.empty();
        }
        MemberAnnouncement self = current.self();
        return Optional.of(new ClusterMember(self.nodeId().value(), self.transportHost(), self.transportPort(), true));
    }

    private void retryDiscovery() {
        if ((state != NodeState.DISCOVERING || tryStartDiscovery()) && discoveryRetry != null) {
            discoveryRetry.cancel(false);
        }
    }

    /** @return whether there is nothing left to retry (started, or failed for good) */
    private synchronized boolean tryStartDiscovery() {
        Optional<HazelcastInstance> hazelcast = HazelcastLocator.find();
        if (hazelcast.isEmpty()) {
            return false;
        }
        String host = settings.transportHost().orElseGet(() -> HazelcastLocator.bindHost(hazelcast.get()));
        MemberDirectory started = new MemberDirectory(hazelcast.get(),
                new MemberAnnouncement(settings.nodeId(), host, settings.transportPort()));
        try {
            started.start();
            directory = started;
            state = NodeState.RUNNING;
            reannouncement = scheduler.scheduleWithFixedDelay(() -> reassert(started),
                    REANNOUNCE_SECONDS, REANNOUNCE_SECONDS, TimeUnit.SECONDS);
            RaftHost raft = new RaftHost(settings, host, threadFactory);
            raftHost = raft;
            // Polled rather than pushed: the directory's mirror is fed by Hazelcast event threads, which must not
            // block on opening a log or binding a port.
            membershipPoll = scheduler.scheduleWithFixedDelay(() -> followMembers(raft, started),
                    0, MEMBERSHIP_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (DuplicateNodeIdException e) {
            failure = e.getMessage();
            state = NodeState.FAILED;
            LOG.severe("Synod node cannot join: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Synod discovery could not start yet; retrying", e);
            return false;
        }
        return true;
    }

    private static void followMembers(RaftHost host, MemberDirectory current) {
        try {
            host.onMembers(current.members(), current.joining());
            current.announceJoining(host.awaitingJoin());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Synod could not pass the member list to the Raft runtime; retrying", e);
        }
    }

    private static void reassert(MemberDirectory current) {
        try {
            current.reassert();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not re-assert the announcement (Hazelcast busy or shutting down)", e);
        }
    }

    private static Path serverRoot() {
        String root = System.getProperty("com.sun.aas.instanceRoot");
        return Path.of(root != null ? root : System.getProperty("user.dir"));
    }

    /** The cluster view handed to the resource adapter (and from it to applications). */
    private final class LocalCluster implements SynodCluster {

        @Override
        public List<ClusterMember> members() {
            return SynodNode.this.members();
        }

        @Override
        public ClusterMember localMember() {
            return SynodNode.this.localMember().orElseThrow(() ->
                    new io.synod.api.SynodUnavailableException("the Synod node has not announced itself yet"));
        }
    }
}
