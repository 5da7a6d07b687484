package io.synod.ejb.runtime;

import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.ConsensusNode;
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
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.EnvelopeCodec;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KeyValue;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvCommandCodec;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.lock.LockInfo;
import io.synod.core.statemachine.kv.KvResultCodec;
import io.synod.core.statemachine.kv.KvValidator;
import io.synod.ejb.transport.ClientFrame;
import io.synod.ejb.transport.ClientFrame.Verdict;
import io.synod.ejb.transport.PeerTransport;
import io.synod.ejb.transport.TransportCounters;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One member's consensus node ({@link ConsensusProtocol}: Raft or Multi-Paxos) with durable storage, the TCP
 * transport and the key-value service: the shell of the core's step function (the production counterpart of the
 * simulation's {@code SimNode}).
 *
 * <p>Threads: the {@link RuntimeLoop} thread owns the engine and the replicated state and is the only one
 * that touches them; the {@link StorageWriter} writes the log directory; Netty's threads (the transport's) only
 * enqueue inbound messages; a tick source enqueues ticks. All of them come from the {@link ThreadFactory}
 * given to {@link #start} (in Payara a {@code ManagedThreadFactory}).
 *
 * <p>The Ready cycle (the core's contract, one Ready outstanding at a time, as etcd's RawNode allows inputs to
 * be stepped meanwhile): take a Ready, hand it to the writer, and once it reports the Ready durable: send its
 * messages, install its snapshot, apply its committed entries, release its reads, serve the reads now applied,
 * {@code advance}. Committed entries are quorum-durable already, so unless the Ready carries a snapshot they are
 * applied (and their clients answered) as soon as the Ready is handed to the writer, not after its fsync. Proposals arriving during a write pile up in the engine's unstable log and leave together
 * in the next Ready: that, plus the writer's batching, is the group commit.
 *
 * <p>Leader-only requests ({@link #submit}, LINEARIZABLE and LEASE {@link #read}s) may be made on any member:
 * {@link OutstandingRequests} serves them here when this node leads and forwards them to the leader over the
 * transport otherwise ({@link ClientFrame}), resending with the same client id and sequence across leader changes
 * and lost connections until the request timeout; the duplicate filter applies a write once (thesis §6.3).
 * {@link #transferLeadership} is not forwarded: it is an operator's request to one leader.
 */
public final class NodeRuntime implements AutoCloseable {

    /** Writes this node may have in flight at once, each under its own client session ({@link ClientLanes}). */
    private static final int MAX_LANES = 64;
    /** An attempt unanswered this long is sent again (a lost frame, a leader that died mid-request). */
    private static final Duration ATTEMPT_TIMEOUT_FLOOR = Duration.ofSeconds(1);

    private final RuntimeSettings settings;
    private final NodeId id;
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private final DurableLogStorage durable;
    private final GuardedLogStorage guarded;
    private final ConsensusNode engine;
    private final KvReplica replica;
    private final KvValidator validator;
    private final PendingProposals proposals = new PendingProposals(metrics);
    private final PendingReads reads = new PendingReads();
    private final RuntimeLoop loop;
    private final StorageWriter writer;
    private final PeerTransport transport;
    private final OutstandingRequests outstanding;

    // event-loop state
    private Ready inFlight;
    /** Whether {@link #inFlight}'s committed entries were applied when it was handed to the writer. */
    private boolean inFlightApplied;
    private Optional<NodeId> knownLeader = Optional.empty();
    private Role role = Role.FOLLOWER;
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
            boolean pristine = isPristine(durable);
            // before the engine's first write: a directory of the other protocol is refused, not reinterpreted
            ProtocolMarker.claim(settings.dataDir(), settings.protocol(), !pristine);
            if (pristine && !settings.initialVoters().isEmpty()) {
                durable.bootstrap(ConfState.ofVoters(settings.initialVoters()));
            }
            this.replica = new KvReplica(settings.kvLimits(), settings.sessions());
            replica.restore(durable.snapshot());
            this.guarded = new GuardedLogStorage(durable);
            // Election timeouts must differ between members and between restarts: not seeded on purpose.
            this.engine = settings.protocol().newNode(id, settings.electionTicks(), settings.heartbeatTicks(), guarded,
                    new Random(new SecureRandom().nextLong()));
            long attemptTimeout = Math.min(settings.requestTimeout().toNanos() / 2, Math.max(
                    ATTEMPT_TIMEOUT_FLOOR.toNanos(), 2 * settings.electionTicks() * settings.tick().toNanos()));
            this.outstanding = new OutstandingRequests(new Route(), new ClientLanes(id, MAX_LANES,
                    settings.sessions().idleTimeoutMillis()), metrics, settings.requestTimeout().toNanos(),
                    attemptTimeout);
            this.loop = new RuntimeLoop(id, threads, settings.tick(), this::tick, this::afterTask, this::halt);
            this.writer = new StorageWriter(guarded, metrics, threads);
            // All members must run with the same limits: they bound every frame.
            MessageCodec codec = settings.protocol().codec(MessageLimits.DEFAULT);
            this.transport = PeerTransport.start(settings.transport(), codec,
                    message -> {
                        lastHeardMillis.put(message.from(), System.currentTimeMillis());
                        loop.post(() -> engine.step(message));
                    },
                    peer -> loop.post(() -> onUnreachable(peer)),
                    (from, frame) -> loop.post(() -> onClientFrame(from, frame)), threads);
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
     * @throws IOException if the data directory cannot be opened (a corrupt log names the file and offset);
     *                     {@link ProtocolMismatchException} if another consensus protocol wrote it
     */
    public static NodeRuntime start(RuntimeSettings settings, ThreadFactory threads) throws IOException {
        return new NodeRuntime(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(threads, "threads"));
    }

    /**
     * Whether {@code dataDir} already holds consensus state (a configuration, a term, entries or a snapshot): such a
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
     * Apply a key-value command through the leader, wherever it is: served here when this node leads, forwarded
     * otherwise. The leader stamps its wall clock on it; this node's client session and sequence make retries
     * (across leader changes and lost connections, within {@link RuntimeSettings#requestTimeout()}) apply it once.
     * Fails with {@link io.synod.core.statemachine.kv.KvValidationException} (nothing proposed),
     * {@link NoLeaderException} (no leader took it in time; nothing proposed), {@link IndeterminateOutcomeException}
     * (it may or may not be applied), {@link RequestRejectedException} or {@link NodeStoppedException}.
     */
    public CompletableFuture<KvResult> submit(KvCommand command) {
        byte[] payload;
        try {
            validator.validate(Objects.requireNonNull(command, "command"));
            payload = KvCommandCodec.encode(command);
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return submit(ServiceId.KV, payload).thenApply(NodeRuntime::decodeResult);
    }

    /**
     * Apply a command of any replicated service (its payload in that service's format) through the leader, as
     * {@link #submit(KvCommand)} does; completes with the service's encoded result.
     */
    public CompletableFuture<byte[]> submit(ServiceId service, byte[] payload) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        Objects.requireNonNull(service, "service");
        byte[] owned = Objects.requireNonNull(payload, "payload").clone();
        loop.post(future, () -> outstanding.write(service, owned, future, System.nanoTime()));
        return future;
    }

    private static KvResult decodeResult(byte[] result) {
        try {
            return KvResultCodec.decode(result);
        } catch (CodecException e) {
            throw new IllegalStateException("undecodable result: " + e.getMessage(), e);
        }
    }

    /**
     * Read one key. LINEARIZABLE (§6.4 ReadIndex) and LEASE run on the leader — here or forwarded, retried like
     * writes, failing with {@link NoLeaderException} when no leader answered in time; LOCAL runs here and may be
     * stale. TTLs are judged at the group's replicated clock (the newest leader time applied), so every member
     * agrees on what has expired.
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
            } else {
                outstanding.read(key, consistency == ReadConsistency.LEASE, future, System.nanoTime());
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

    /** This member's sessions and locks as last applied here (may lag the leader by the replication delay). */
    public CompletableFuture<CoordinationState> coordination() {
        CompletableFuture<CoordinationState> future = new CompletableFuture<>();
        loop.post(future, () -> future.complete(new CoordinationState(replica.applied(), replica.clockMillis(),
                replica.locks().locks(), replica.sessions().sessions(replica.clockMillis()))));
        return future;
    }

    /** One lock as last applied here: what a waiting client polls to learn of its grant. */
    public CompletableFuture<Optional<LockInfo>> lock(String name) {
        CompletableFuture<Optional<LockInfo>> future = new CompletableFuture<>();
        loop.post(future, () -> future.complete(replica.locks().lock(name)));
        return future;
    }

    /** Session ids whose deadline is at or before {@code nowMillis}: what a leader proposes to expire. */
    public CompletableFuture<List<String>> lapsedSessions(long nowMillis) {
        CompletableFuture<List<String>> future = new CompletableFuture<>();
        loop.post(future, () -> future.complete(replica.sessions().lapsedAt(nowMillis)));
        return future;
    }

    private Optional<KeyValue> lookup(String key) {
        return replica.view().get(key, replica.clockMillis());
    }

    // ------------------------------------------------------------------ serving requests as the leader

    /** A forwarded request, or a reply to one this node forwarded; from a Netty thread via the loop. */
    private void onClientFrame(NodeId from, ClientFrame frame) {
        if (frame.isRequest()) {
            serve(frame, reply -> transport.send(from, reply));
        } else {
            outstanding.onReply(from, frame, System.nanoTime());
        }
    }

    private void onUnreachable(NodeId peer) {
        engine.reportUnreachable(peer);
        outstanding.unreachable(peer, System.nanoTime());
    }

    /** @return whether the request may have been proposed; every path ends in exactly one reply */
    private boolean serve(ClientFrame request, Consumer<ClientFrame> reply) {
        long correlation = request.correlation();
        Optional<NodeId> hint = engine.status().leader();
        if (!engine.status().role().equals(Role.LEADER)) {
            reply.accept(new ClientFrame.Refusal(correlation, Verdict.NOT_PROPOSED, hint, id + " is not the leader"));
            return false;
        }
        try {
            return request instanceof ClientFrame.WriteRequest w ? proposeWrite(w, reply) : readAsLeader(
                    (ClientFrame.ReadRequest) request, reply);
        } catch (NotLeaderException | ProposalDroppedException refused) {
            reply.accept(new ClientFrame.Refusal(correlation, Verdict.NOT_PROPOSED, hint, refused.getMessage()));
        } catch (CodecException | RuntimeException invalid) {
            reply.accept(new ClientFrame.Refusal(correlation, Verdict.FAILED, hint, "invalid request: " + invalid));
        }
        return false;
    }

    private boolean proposeWrite(ClientFrame.WriteRequest w, Consumer<ClientFrame> reply) throws CodecException {
        if (w.service() == ServiceId.KV) {
            // a forwarder's bad input changes nothing; a fenced write's guarded command is checked the same way
            validator.validate(KvCommandCodec.decode(FencedWrite.kvCommand(w.payload())));
        }
        CommandEnvelope envelope = new CommandEnvelope(w.client(), w.sequence(), System.currentTimeMillis(),
                w.service(), w.payload());
        ProposalReceipt receipt = engine.propose(EnvelopeCodec.encode(envelope));
        proposals.add(receipt, w.correlation(), reply, System.nanoTime());
        return true;
    }

    private boolean readAsLeader(ClientFrame.ReadRequest r, Consumer<ClientFrame> reply) {
        validator.checkKey(r.key());
        CompletableFuture<Optional<KeyValue>> served = new CompletableFuture<>();
        byte[] context = reads.add(r.key(), served);
        try {
            engine.readIndex(context, r.lease() ? ReadMode.LEASE : ReadMode.SAFE);
        } catch (NotLeaderException refused) {
            reads.cancel(context);
            throw refused;
        }
        // completed on the loop (released and served, or failed when leadership is lost or the node stops)
        served.whenComplete((kv, failure) -> reply.accept(failure == null
                ? new ClientFrame.ReadReply(r.correlation(), kv)
                : new ClientFrame.Refusal(r.correlation(), failure instanceof NotLeaderException
                        ? Verdict.NOT_PROPOSED : Verdict.UNKNOWN, Optional.empty(), failure.toString())));
        return false;
    }

    /** How {@link OutstandingRequests} reaches the leader from this node; called on the loop. */
    private final class Route implements RequestRoute {

        @Override
        public NodeId self() {
            return id;
        }

        @Override
        public Optional<NodeId> leader() {
            return engine.status().leader();
        }

        @Override
        public boolean serveLocally(ClientFrame request) {
            return serve(request, reply -> outstanding.onReply(id, reply, System.nanoTime()));
        }

        @Override
        public void forward(NodeId leader, ClientFrame request) {
            transport.send(leader, request);
        }
    }

    /**
     * Ask this leader to hand leadership to {@code target}; completes once the engine took the request. Raft:
     * TimeoutNow once the target is caught up (§3.10). Multi-Paxos: the same, the target then runs phase 1 with
     * a higher ballot that acceptors promise despite leader stickiness.
     */
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

    /**
     * Propose a single-server membership change (leader only). Completes with the entry's log index once the
     * engine appended it; the change takes effect from there (§4.1), committing is the log's business. Fails
     * with {@link NotLeaderException} or {@link ProposalDroppedException} (another change still pending, no
     * entry of this term committed yet, a change that changes nothing, the last voter): nothing proposed.
     */
    public CompletableFuture<Long> proposeConfChange(ConfChange change) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        Objects.requireNonNull(change, "change");
        loop.post(future, () -> {
            try {
                future.complete(engine.proposeConfChange(change).index());
            } catch (RuntimeException refused) {
                future.completeExceptionally(refused);
            }
        });
        return future;
    }

    /**
     * Take a snapshot of this member's state machine now, at its applied index, instead of waiting for the
     * {@code snapshotEntries} threshold (an operator's "snapshot now", e.g. before maintenance). Completes with
     * the snapshot's index once it is durable and the log is compacted behind it; at once with the current
     * snapshot's index when nothing was applied since.
     */
    public CompletableFuture<Long> snapshotNow() {
        CompletableFuture<Long> future = new CompletableFuture<>();
        loop.post(future, () -> {
            long applied = replica.applied();
            if (applied == replica.snapshotIndex()) {
                future.complete(applied);
                return;
            }
            replica.snapshotTaken(applied);
            writer.snapshot(applied, replica.confState(), replica.image(), settings.snapshotEntries() / 2,
                    () -> {
                        metrics.snapshotTaken();
                        future.complete(applied);
                    },
                    failure -> {
                        future.completeExceptionally(failure);
                        loop.post(() -> halt(failure));
                    });
        });
        return future;
    }

    /** Peers connected right now over a link on which they proved the cluster secret. */
    public Set<NodeId> authenticatedPeers() {
        return transport.authenticatedPeers();
    }

    /** Where the peers are now (from discovery, or a test). Moved peers are reconnected. */
    public void updatePeers(Map<NodeId, InetSocketAddress> peers) {
        transport.updatePeers(peers);
    }

    /**
     * The failure detector's use of the transport: heartbeats bypass the event loop entirely (sent and heard on
     * the transport's threads), so a busy or stalled consensus loop neither delays them nor is delayed by them.
     */
    public void onHeartbeats(io.synod.ejb.transport.HeartbeatListener listener) {
        transport.onHeartbeats(listener);
    }

    /** See {@link #onHeartbeats}: sent at once to {@code to} if connected, else dropped. */
    public void sendHeartbeat(NodeId to, io.synod.ejb.transport.Heartbeat heartbeat) {
        transport.sendHeartbeat(to, heartbeat);
    }

    /** The peers discovery currently knows, connected or not. */
    public Set<NodeId> knownPeers() {
        return transport.peers();
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
        outstanding.tick(System.nanoTime());
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
            if (rd.snapshot().isEmpty()) {
                // Committed entries are already durable on a quorum (both engines count the leader's own copy
                // only once its write completed): applying them need not wait for this Ready's new entries to
                // be fsynced, which under load would add one fsync to every write's latency (etcd applies in
                // parallel with the write too). A snapshot in the Ready must be installed first, so not then.
                apply(rd);
                inFlightApplied = true;
            }
        }
        refreshStatus(false);
    }

    private void onDurable(Ready rd) {
        if (inFlight != rd) {
            return;
        }
        boolean applied = inFlightApplied;
        inFlight = null;
        inFlightApplied = false;
        finish(rd, applied);
    }

    private void process(Ready rd) {
        finish(rd, false);
    }

    /** The rest of the cycle once {@code rd} is durable; its committed entries too unless applied already. */
    private void finish(Ready rd, boolean committedApplied) {
        rd.messages().forEach(transport::send); // only now: what they promise is durable
        rd.snapshot().ifPresent(snapshot -> {
            if (replica.restore(snapshot)) {
                metrics.snapshotInstalled();
                proposals.failUpTo(snapshot.metadata().index(), "replaced by an installed snapshot");
            }
        });
        if (!committedApplied) {
            apply(rd);
        }
        rd.readStates().forEach(reads::release);
        reads.serve(replica.applied(), this::lookup);
        engine.advance(rd);
        rd.softState().ifPresent(this::onSoftState);
        maybeSnapshot();
    }

    private void apply(Ready rd) {
        for (LogEntry entry : rd.committedEntries()) {
            ApplyOutcome outcome = replica.apply(entry);
            proposals.applied(entry, outcome);
        }
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
        outstanding.leaderChanged(soft.leader(), System.nanoTime());
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

    private void refreshStatus(boolean initial) {
        NodeStatus s = engine.status();
        metrics.indexes(s.term(), s.commitIndex(), replica.applied());
        replication = s.progress().isEmpty() ? Map.of() : Map.copyOf(s.progress());
        status = new RuntimeStatus(id, s.role(), s.term(), s.leader(), s.commitIndex(), replica.applied(),
                guarded.firstIndex(), s.lastIndex(), replica.snapshotIndex(), s.confState(), initial || loop.isRunning(),
                s.progress());
    }

    /** A storage failure or an engine bug: stop taking work; what is durable stays for the next start. */
    private void halt(Throwable cause) {
        loop.stop(cause);
        failEverything("the node halted: " + cause);
    }

    private void failEverything(String why) {
        proposals.failAll(why);
        outstanding.failAll(why);
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
