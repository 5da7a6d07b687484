package io.synod.ejb.runtime;

import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NodeStatus;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.PeerProgress;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Role;
import io.synod.core.consensus.SoftState;
import io.synod.core.log.DurableLogStorage;
import io.synod.core.raft.RaftConfig;
import io.synod.core.raft.RaftMessageCodec;
import io.synod.core.raft.RaftNode;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.EnvelopeCodec;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KeyValue;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvCommandCodec;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvValidator;
import io.synod.ejb.transport.PeerTransport;
import io.synod.ejb.transport.TransportCounters;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One member's Raft node with durable storage, the TCP transport and the key-value service: the shell of the
 * core's step function (the production counterpart of the simulation's {@code SimNode}).
 *
 * <p>Threads: the {@link RuntimeLoop} thread owns the engine and the replicated state and is the only one
 * that touches them; the {@link StorageWriter} writes the log directory; Netty's threads (the transport's) only
 * enqueue inbound messages; a tick source enqueues ticks. All of them come from the {@link ThreadFactory}
 * given to {@link #start} (in Payara a {@code ManagedThreadFactory}).
 *
 * <p>The Ready cycle (the core's contract, one Ready outstanding at a time, as etcd's RawNode allows inputs to
 * be stepped meanwhile): take a Ready, hand it to the writer, and once it reports the Ready durable: send its
 * messages, install its snapshot, apply its committed entries, release its reads, serve the reads now applied,
 * {@code advance}. Proposals arriving during a write pile up in the engine's unstable log and leave together
 * in the next Ready: that, plus the writer's batching, is the group commit.
 *
 * <p>Leader-only requests ({@link #submit}, LINEARIZABLE and LEASE {@link #read}s, {@link #transferLeadership})
 * reaching a follower fail with the core's {@link NotLeaderException}, which carries the leader hint: the caller
 * redirects. Forwarding over the transport is the facade's job once the request message family exists.
 */
public final class NodeRuntime implements AutoCloseable {

    /** All members must run with the same limits: they bound every frame. */
    private static final MessageCodec CODEC = RaftMessageCodec.standalone(MessageLimits.DEFAULT);

    private final RuntimeSettings settings;
    private final NodeId id;
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private final DurableLogStorage durable;
    private final GuardedLogStorage guarded;
    private final RaftNode engine;
    private final KvReplica replica;
    private final KvValidator validator;
    private final PendingProposals proposals = new PendingProposals(metrics);
    private final PendingReads reads = new PendingReads();
    private final RuntimeLoop loop;
    private final StorageWriter writer;
    private final PeerTransport transport;

    // event-loop state
    private Ready inFlight;
    private Optional<NodeId> knownLeader = Optional.empty();
    private Role role = Role.FOLLOWER;
    private ClientId clientId;
    private long nextSequence = 1;
    private long leaderships;
    private volatile RuntimeStatus status;
    /** The leader's view of each peer's replication, published with the status (empty unless leader). */
    private volatile Map<NodeId, PeerProgress> replication = Map.of();
    /** Wall-clock millis of the last message received from each peer, written by the transport's threads. */
    private final Map<NodeId, Long> lastHeardMillis = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeRuntime(RuntimeSettings settings, ThreadFactory threads) throws IOException {
        this.settings = settings;
        this.id = settings.nodeId();
        this.validator = new KvValidator(settings.kvLimits());
        this.durable = DurableLogStorage.open(settings.dataDir());
        try {
            if (isPristine(durable)) {
                durable.bootstrap(ConfState.ofVoters(settings.initialVoters()));
            }
            this.replica = new KvReplica(settings.kvLimits(), settings.sessions());
            replica.restore(durable.snapshot());
            this.guarded = new GuardedLogStorage(durable);
            RaftConfig config = new RaftConfig(id, 0, settings.electionTicks(), settings.heartbeatTicks(), true,
                    true, 1 << 20, 256, 256 * 1024, Set.of());
            // Election timeouts must differ between members and between restarts: not seeded on purpose.
            this.engine = new RaftNode(config, guarded, new Random(new SecureRandom().nextLong()));
            this.clientId = newClientId();
            this.loop = new RuntimeLoop(id, threads, settings.tick(), this::tick, this::afterTask, this::halt);
            this.writer = new StorageWriter(guarded, metrics, threads);
            this.transport = PeerTransport.start(settings.transport(), CODEC,
                    message -> {
                        lastHeardMillis.put(message.from(), System.currentTimeMillis());
                        loop.post(() -> engine.step(message));
                    },
                    peer -> loop.post(() -> engine.reportUnreachable(peer)), threads);
        } catch (IOException | RuntimeException e) {
            durable.close();
            throw e;
        }
        refreshStatus(true);
        writer.start();
        loop.start();
    }

    /**
     * Open (or create) the data directory, recover the log and the state machine from it, bind the transport
     * and start the threads. Peers are reached once {@link #updatePeers} says where they are.
     *
     * @throws IOException if the data directory cannot be opened (a corrupt log names the file and offset)
     */
    public static NodeRuntime start(RuntimeSettings settings, ThreadFactory threads) throws IOException {
        return new NodeRuntime(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(threads, "threads"));
    }

    /**
     * Whether {@code dataDir} already holds Raft state (a configuration, a term, entries or a snapshot): such a
     * node resumes from it, only a pristine one may take part in a bootstrap. Opens and closes the log, so call
     * it before {@link #start} on the same directory.
     */
    public static boolean hasState(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return false;
        }
        try (DurableLogStorage storage = DurableLogStorage.open(dataDir)) {
            return !isPristine(storage);
        }
    }

    private static boolean isPristine(DurableLogStorage storage) {
        return storage.lastIndex() == 0 && storage.snapshot().isEmpty()
                && storage.confState().equals(ConfState.EMPTY) && storage.hardState().isEmpty();
    }

    // ------------------------------------------------------------------ client API

    /**
     * Propose a key-value command (leader only). The leader stamps its wall clock and this runtime's client id and
     * next sequence number on it; the future completes once the entry is applied.
     * Fails with {@link io.synod.core.statemachine.kv.KvValidationException} (nothing proposed),
     * {@link NotLeaderException} (with the leader hint; nothing proposed), {@link ProposalDroppedException}
     * (e.g. a transfer is under way; nothing proposed) or {@link IndeterminateOutcomeException}.
     */
    public CompletableFuture<KvResult> submit(KvCommand command) {
        CompletableFuture<KvResult> future = new CompletableFuture<>();
        byte[] payload;
        try {
            validator.validate(Objects.requireNonNull(command, "command"));
            payload = KvCommandCodec.encode(command);
        } catch (RuntimeException invalid) {
            future.completeExceptionally(invalid);
            return future;
        }
        long start = System.nanoTime();
        loop.post(future, () -> propose(payload, future, start));
        return future;
    }

    private void propose(byte[] payload, CompletableFuture<KvResult> future, long startNanos) {
        if (!engine.status().role().equals(Role.LEADER)) {
            future.completeExceptionally(new NotLeaderException(id, engine.status().leader()));
            return;
        }
        CommandEnvelope envelope = new CommandEnvelope(clientId, nextSequence, System.currentTimeMillis(),
                ServiceId.KV, payload);
        try {
            ProposalReceipt receipt = engine.propose(EnvelopeCodec.encode(envelope));
            nextSequence++; // only once in the log: the session expects no gaps before its first entry
            proposals.add(receipt, future, startNanos);
        } catch (NotLeaderException | ProposalDroppedException refused) {
            future.completeExceptionally(refused);
        }
    }

    /**
     * Read one key. LINEARIZABLE and LEASE run on the leader only (else {@link NotLeaderException} with the
     * hint); LOCAL runs anywhere and may be stale. TTLs are judged at the group's replicated clock (the newest
     * leader time applied), so every member agrees on what has expired.
     */
    public CompletableFuture<Optional<KeyValue>> read(String key, ReadConsistency consistency) {
        CompletableFuture<Optional<KeyValue>> future = new CompletableFuture<>();
        try {
            validator.checkKey(key);
            Objects.requireNonNull(consistency, "consistency");
        } catch (RuntimeException invalid) {
            future.completeExceptionally(invalid);
            return future;
        }
        loop.post(future, () -> {
            if (consistency == ReadConsistency.LOCAL) {
                future.complete(lookup(key));
                return;
            }
            byte[] context = reads.add(key, future);
            try {
                engine.readIndex(context, consistency == ReadConsistency.LEASE ? ReadMode.LEASE : ReadMode.SAFE);
            } catch (NotLeaderException refused) {
                reads.cancel(context);
                future.completeExceptionally(refused);
            }
        });
        return future;
    }

    /**
     * One page of the keys under {@code prefix} from this member's copy (LOCAL: may be stale, runs anywhere);
     * what operators browse, such as the audit log. TTLs are judged at the group's replicated clock.
     */
    public CompletableFuture<KvResult.Scan> scanLocal(String prefix, Optional<String> startAfter, int limit) {
        CompletableFuture<KvResult.Scan> future = new CompletableFuture<>();
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(startAfter, "startAfter");
        loop.post(future, () -> {
            try {
                future.complete(replica.view().scan(prefix, startAfter, limit, replica.clockMillis()));
            } catch (RuntimeException invalid) {
                future.completeExceptionally(invalid);
            }
        });
        return future;
    }

    private Optional<KeyValue> lookup(String key) {
        return replica.view().get(key, replica.clockMillis());
    }

    /** Ask this leader to hand leadership to {@code target} (§3.10); completes once the engine took the request. */
    public CompletableFuture<Void> transferLeadership(NodeId target) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Objects.requireNonNull(target, "target");
        loop.post(future, () -> {
            try {
                engine.transferLeadership(target);
                future.complete(null);
            } catch (RuntimeException refused) {
                future.completeExceptionally(refused);
            }
        });
        return future;
    }

    /** Where the peers are now (from discovery, or a test). Moved peers are reconnected. */
    public void updatePeers(Map<NodeId, InetSocketAddress> peers) {
        transport.updatePeers(peers);
    }

    public InetSocketAddress transportAddress() {
        return transport.localAddress();
    }

    /** Wall-clock millis when the event loop last finished a task (ticks keep it moving while idle). */
    public long loopHeartbeatMillis() {
        return loop.lastBeatMillis();
    }

    public Duration tickLength() {
        return settings.tick();
    }

    public RuntimeStatus status() {
        return status;
    }

    /** The leader's replication progress of every peer (match index, flow state); empty on a follower. */
    public Map<NodeId, PeerProgress> replication() {
        return replication;
    }

    /** Wall-clock millis of the last message this member received from each peer it ever heard from. */
    public Map<NodeId, Long> lastHeardMillis() {
        return Map.copyOf(lastHeardMillis);
    }

    public RuntimeMetrics metrics() {
        return metrics;
    }

    public TransportCounters transportCounters() {
        return transport.counters();
    }

    public NodeId id() {
        return id;
    }

    // ------------------------------------------------------------------ the event loop's work

    private void tick() {
        engine.tick();
    }

    /** After every task: run the Ready cycle as far as the writer allows, then publish the status. */
    private void afterTask() {
        while (inFlight == null && engine.hasReady()) {
            Ready rd = engine.ready();
            if (rd.hardState().isEmpty() && rd.snapshot().isEmpty() && rd.entries().isEmpty()) {
                process(rd); // nothing to make durable: no round trip through the writer
                continue;
            }
            inFlight = rd;
            writer.persist(rd, () -> loop.post(() -> onDurable(rd)), failure -> loop.post(() -> halt(failure)));
        }
        refreshStatus(false);
    }

    private void onDurable(Ready rd) {
        if (inFlight != rd) {
            return;
        }
        inFlight = null;
        process(rd);
    }

    private void process(Ready rd) {
        rd.messages().forEach(transport::send); // only now: what they promise is durable
        rd.snapshot().ifPresent(snapshot -> {
            if (replica.restore(snapshot)) {
                metrics.snapshotInstalled();
                proposals.failUpTo(snapshot.metadata().index(), "replaced by an installed snapshot");
            }
        });
        for (LogEntry entry : rd.committedEntries()) {
            ApplyOutcome outcome = replica.apply(entry);
            proposals.applied(entry, outcome);
        }
        rd.readStates().forEach(reads::release);
        reads.serve(replica.applied(), this::lookup);
        engine.advance(rd);
        rd.softState().ifPresent(this::onSoftState);
        maybeSnapshot();
    }

    private void onSoftState(SoftState soft) {
        if (!soft.leader().equals(knownLeader)) {
            metrics.leaderChanged();
            knownLeader = soft.leader();
        }
        boolean wasLeader = role == Role.LEADER;
        role = soft.role();
        if (wasLeader && role != Role.LEADER) {
            proposals.failAll("leadership was lost before the write was seen committed");
            reads.failUnconfirmed(id, soft.leader());
        }
        if (!wasLeader && role == Role.LEADER) {
            // A fresh client session per leadership: a sequence lost with the previous one would leave a gap
            // that the duplicate filter cannot tell from a forgotten session.
            clientId = newClientId();
            nextSequence = 1;
        }
    }

    private void maybeSnapshot() {
        long applied = replica.applied();
        if (applied - replica.snapshotIndex() < settings.snapshotEntries()) {
            return;
        }
        replica.snapshotTaken(applied); // before the write: one request per threshold crossing
        // keep half an interval of entries behind the snapshot for followers that are only a little behind
        writer.snapshot(applied, replica.confState(), replica.image(), settings.snapshotEntries() / 2,
                metrics::snapshotTaken,
                failure -> loop.post(() -> halt(failure)));
    }

    private ClientId newClientId() {
        return ClientId.of(id.value() + "/" + Long.toHexString(new SecureRandom().nextLong()) + "/" + ++leaderships);
    }

    private void refreshStatus(boolean initial) {
        NodeStatus s = engine.status();
        metrics.indexes(s.term(), s.commitIndex(), replica.applied());
        replication = s.progress().isEmpty() ? Map.of() : Map.copyOf(s.progress());
        status = new RuntimeStatus(id, s.role(), s.term(), s.leader(), s.commitIndex(), replica.applied(),
                guarded.firstIndex(), s.lastIndex(), replica.snapshotIndex(), s.confState(), initial || loop.isRunning());
    }

    /** A storage failure or an engine bug: stop taking work; what is durable stays for the next start. */
    private void halt(Throwable cause) {
        loop.stop(cause);
        failEverything("the node halted: " + cause);
    }

    private void failEverything(String why) {
        proposals.failAll(why);
        reads.failAll(new NodeStoppedException(why));
        refreshStatus(false);
    }

    /**
     * Stop: the transport first (nothing more comes in), then the event loop (pending requests fail: writes as
     * indeterminate), then the writer (finishing what it was given), then the log directory.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        transport.close();
        loop.shutdown(() -> failEverything("the node was stopped"));
        writer.close();
        try {
            durable.close();
        } catch (IOException e) {
            Logger.getLogger(NodeRuntime.class.getName()).log(Level.WARNING, "closing the log of " + id + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "NodeRuntime[" + status + "]";
    }
}
