package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.statemachine.kv.KeyValue;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.ejb.transport.TransportSettings;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Real runtimes in one JVM: real TCP on 127.0.0.1 with ephemeral ports (peers are re-told each other's
 * addresses whenever one starts, as discovery will), real log directories under a temporary directory, and
 * plain threads standing in for Jakarta's ManagedThreadFactory.
 */
final class RuntimeCluster implements AutoCloseable {

    static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    static final byte[] WRONG_SECRET = "not this cluster's secret at all".getBytes(StandardCharsets.UTF_8);
    static final Duration WAIT = Duration.ofSeconds(30);

    static {
        // generous bounds only: the build machine is shared and can be very slow; nothing asserts on timing
        Awaitility.setDefaultTimeout(WAIT);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ThreadFactory threadFactory = r -> {
        Thread t = new Thread(r, "test-runtime-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        return t;
    };
    private final Path base;
    private final Set<NodeId> voters;
    private final UnaryOperator<RuntimeSettings> tweak;
    private final Map<NodeId, NodeRuntime> running = new TreeMap<>();

    RuntimeCluster(Path base, Set<NodeId> voters, UnaryOperator<RuntimeSettings> tweak) {
        this.base = base;
        this.voters = voters;
        this.tweak = tweak;
    }

    /** Three Raft members. */
    static RuntimeCluster ofThree(Path base, long snapshotEntries) {
        return ofThree(base, snapshotEntries, ConsensusProtocol.RAFT);
    }

    static RuntimeCluster ofThree(Path base, long snapshotEntries, ConsensusProtocol protocol) {
        return new RuntimeCluster(base, Set.of(id("n1"), id("n2"), id("n3")),
                s -> s.withSnapshotEntries(snapshotEntries).withProtocol(protocol));
    }

    static NodeId id(String value) {
        return NodeId.of(value);
    }

    RuntimeCluster startAll() {
        voters.forEach(this::start);
        return this;
    }

    NodeRuntime start(NodeId id) {
        return start(id, SECRET);
    }

    /** Start (or restart, from the same data directory) one member, then tell everyone where everyone is. */
    NodeRuntime start(NodeId id, byte[] secret) {
        return start(id, secret, voters, UnaryOperator.identity());
    }

    /** Start a member with no configuration: it waits for a leader to add it (as a later instance does). */
    NodeRuntime startJoiner(NodeId id, byte[] secret) {
        return start(id, secret, Set.of(), UnaryOperator.identity());
    }

    /** Start one member with this cluster's settings changed by {@code override} (another protocol, say). */
    NodeRuntime start(NodeId id, byte[] secret, UnaryOperator<RuntimeSettings> override) {
        return start(id, secret, voters, override);
    }

    private synchronized NodeRuntime start(NodeId id, byte[] secret, Set<NodeId> initialVoters,
                                           UnaryOperator<RuntimeSettings> override) {
        TransportSettings transport = TransportSettings.defaults(id, new InetSocketAddress("127.0.0.1", 0), secret)
                .withReconnect(Duration.ofMillis(20), Duration.ofMillis(200))
                .withHandshakeTimeout(Duration.ofSeconds(15));
        RuntimeSettings settings = override.apply(tweak.apply(RuntimeSettings.defaults(id, base.resolve(id.value()),
                transport, initialVoters).withTick(Duration.ofMillis(20))));
        try {
            NodeRuntime runtime = NodeRuntime.start(settings, threadFactory);
            running.put(id, runtime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
        running.forEach((n, r) -> addresses.put(n, r.transportAddress()));
        running.values().forEach(r -> r.updatePeers(addresses));
        return running.get(id);
    }

    synchronized void stop(NodeId id) {
        NodeRuntime runtime = running.remove(id);
        if (runtime != null) {
            runtime.close();
        }
    }

    void stopAll() {
        List.copyOf(runningIds()).forEach(this::stop);
    }

    synchronized NodeRuntime get(NodeId id) {
        return running.get(id);
    }

    synchronized List<NodeId> runningIds() {
        return List.copyOf(running.keySet());
    }

    synchronized Optional<NodeRuntime> currentLeader() {
        return running.values().stream().filter(r -> r.status().isLeader())
                .max(Comparator.comparingLong(r -> r.status().term()));
    }

    /** Wait until one running member leads and every other running member follows it. */
    NodeRuntime awaitLeader(List<NodeId> among) {
        return Awaitility.await("a leader followed by " + among).until(() -> {
            Optional<NodeRuntime> leader = currentLeader();
            if (leader.isEmpty()) {
                return null;
            }
            NodeId l = leader.get().id();
            boolean followed = among.stream().map(this::get).allMatch(r -> r != null
                    && r.status().leader().equals(Optional.of(l)));
            return followed ? leader.get() : null;
        }, r -> r != null);
    }

    NodeRuntime awaitLeader() {
        return awaitLeader(runningIds());
    }

    /** Put through whoever leads, retrying (with the same value: idempotent) until acknowledged. */
    KvResult.Put put(String key, String value) {
        return Awaitility.await("put " + key).until(() -> tryPut(key, value), Optional::isPresent).get();
    }

    Optional<KvResult.Put> tryPut(String key, String value) throws InterruptedException {
        Optional<NodeRuntime> leader = currentLeader();
        if (leader.isEmpty()) {
            return Optional.empty();
        }
        var put = new KvCommand.Put(key, value.getBytes(StandardCharsets.UTF_8), Optional.empty());
        try {
            KvResult result = leader.get().submit(put).get(10, TimeUnit.SECONDS);
            if (result instanceof KvResult.Put p) {
                return Optional.of(p);
            }
            throw new AssertionError("unexpected result " + result);
        } catch (ExecutionException e) {
            if (isRetryable(e.getCause())) {
                return Optional.empty();
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    static boolean isRetryable(Throwable t) {
        return t instanceof NotLeaderException || t instanceof ProposalDroppedException
                || t instanceof IndeterminateOutcomeException || t instanceof NodeStoppedException;
    }

    /** A linearizable read through the leader, retried across leader changes. */
    Optional<String> readLinearizable(String key) {
        return Awaitility.await("linearizable read of " + key).until(() -> {
            Optional<NodeRuntime> leader = currentLeader();
            if (leader.isEmpty()) {
                return null;
            }
            try {
                return leader.get().read(key, ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS)
                        .map(RuntimeCluster::text);
            } catch (ExecutionException e) {
                if (isRetryable(e.getCause())) {
                    return null;
                }
                throw new AssertionError(e.getCause());
            } catch (TimeoutException e) {
                return null;
            }
        }, r -> r != null);
    }

    static Optional<String> readLocal(NodeRuntime runtime, String key) {
        try {
            return runtime.read(key, ReadConsistency.LOCAL).get(10, TimeUnit.SECONDS).map(RuntimeCluster::text);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    static String text(KeyValue kv) {
        return new String(kv.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stopAll();
    }
}
