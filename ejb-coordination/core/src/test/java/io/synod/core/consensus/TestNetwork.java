package io.synod.core.consensus;

import io.synod.core.log.MemoryLogStorage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A tiny in-test group over any engine: each member is a {@link ConsensusNode} over a {@link MemoryLogStorage},
 * and its shell is {@link #processReady}: persist, send, apply, advance. Messages sit in one FIFO until
 * {@link #deliverAll()}; links can be cut and messages filtered, so tests read like protocol traces. Each engine
 * has its own subclass ({@code raft.Network}, {@code paxos.PaxosNetwork}) with its test configuration and checks.
 *
 * @param <N> the engine's node type
 * @param <C> the engine's configuration type
 */
public abstract class TestNetwork<N extends ConsensusNode, C> {

    /** How an engine builds a node: its configuration, its storage, its seeded randomness. */
    @FunctionalInterface
    public interface NodeFactory<N, C> {
        N create(C config, MemoryLogStorage storage, Random random);
    }

    /** What a member's state machine holds: applied commands in order, and its conf state. */
    public static final class Member<N> {
        public final NodeId id;
        public final MemoryLogStorage storage;
        public N node;
        public final List<String> applied = new ArrayList<>();
        public final List<ReadState> reads = new ArrayList<>();
        public long appliedIndex;
        public ConfState conf;

        Member(NodeId id, MemoryLogStorage storage) {
            this.id = id;
            this.storage = storage;
            this.conf = storage.confState();
        }
    }

    private final Map<NodeId, Member<N>> members = new LinkedHashMap<>();
    private final Function<NodeId, C> configs;
    private final NodeFactory<N, C> factory;
    private final int tickUntilLeaderRounds;
    private final Deque<Message> queue = new ArrayDeque<>();
    private final Set<String> cut = new HashSet<>();
    private Predicate<Message> drop = m -> false;
    public final List<String> trace = new ArrayList<>();
    private long seed = 42;

    /** {@code tickUntilLeaderRounds}: how many rounds {@link #tickUntilLeader} waits before it fails. */
    protected TestNetwork(Function<NodeId, C> configs, NodeFactory<N, C> factory, int tickUntilLeaderRounds) {
        this.configs = configs;
        this.factory = factory;
        this.tickUntilLeaderRounds = tickUntilLeaderRounds;
    }

    /** Add voters named {@code ids}, each over a storage bootstrapped with all of them. */
    protected final void bootstrap(String... ids) {
        Set<NodeId> voters = Arrays.stream(ids).map(NodeId::of).collect(Collectors.toSet());
        for (String id : ids) {
            add(NodeId.of(id), MemoryLogStorage.bootstrap(ConfState.ofVoters(voters)));
        }
    }

    /** Add a member over {@code storage} (an empty one for a joining node). */
    public Member<N> add(NodeId id, MemoryLogStorage storage) {
        Member<N> m = new Member<>(id, storage);
        m.node = factory.create(configs.apply(id), storage, new Random(seed++));
        members.put(id, m);
        return m;
    }

    public Member<N> member(String id) {
        return members.get(NodeId.of(id));
    }

    public N node(String id) {
        return member(id).node;
    }

    public Optional<N> leader() {
        return members.values().stream().map(m -> m.node).filter(n -> n.status().role() == Role.LEADER).findFirst();
    }

    // ---------------------------------------------------------------- faults

    public void isolate(String id) {
        for (NodeId other : members.keySet()) {
            cut(id, other.value());
        }
    }

    public void cut(String a, String b) {
        cut.add(a + ">" + b);
        cut.add(b + ">" + a);
    }

    public void heal() {
        cut.clear();
        drop = m -> false;
    }

    public void dropWhere(Predicate<Message> predicate) {
        drop = predicate;
    }

    /** Crash {@code id} (its unprocessed Ready and queued output are lost) and restart it over its storage. */
    public void restart(String id) {
        Member<N> m = member(id);
        m.node = factory.create(configs.apply(m.id), m.storage, new Random(seed++));
        m.applied.clear();
        m.appliedIndex = m.storage.snapshot().metadata().index();
        m.conf = m.storage.confState();
        queue.removeIf(msg -> msg.from().equals(m.id));
    }

    // ---------------------------------------------------------------- driving

    public void tick(String id, int times) {
        for (int i = 0; i < times; i++) {
            node(id).tick();
        }
    }

    public void tickAll(int times) {
        for (int i = 0; i < times; i++) {
            members.values().forEach(m -> m.node.tick());
            stabilize();
        }
    }

    /** Tick {@code id} alone until it leads, letting the election run to the end. */
    public void elect(String id) {
        N n = node(id);
        for (int i = 0; i < 100 && n.status().role() != Role.LEADER; i++) {
            n.tick();
            stabilize();
        }
        if (n.status().role() != Role.LEADER) {
            throw new AssertionError(id + " did not become leader: " + n.status());
        }
    }

    /** Tick only {@code ids} (one tick each, then stabilize) until one of them leads; returns its id. */
    public String tickUntilLeader(String... ids) {
        for (int i = 0; i < tickUntilLeaderRounds; i++) {
            for (String id : ids) {
                if (node(id).status().role() == Role.LEADER) {
                    return id;
                }
            }
            for (String id : ids) {
                node(id).tick();
            }
            stabilize();
        }
        throw new AssertionError("no leader among " + Arrays.toString(ids));
    }

    /** The shell of one member: persist, then send, then apply, then advance. */
    public void processReady(Member<N> m) {
        while (m.node.hasReady()) {
            Ready rd = m.node.ready();
            rd.snapshot().ifPresent(s -> {
                m.storage.applySnapshot(s);
                m.applied.clear();
                m.applied.add("snapshot:" + new String(s.data(), StandardCharsets.UTF_8));
                m.appliedIndex = s.metadata().index();
                m.conf = s.metadata().confState();
            });
            m.storage.append(rd.entries());
            rd.hardState().ifPresent(m.storage::setHardState);
            queue.addAll(rd.messages());
            for (LogEntry e : rd.committedEntries()) {
                if (e.index() <= m.appliedIndex) {
                    continue;
                }
                beforeApply(m, e);
                if (e.type() == EntryType.CONF_CHANGE) {
                    m.conf = ConfChangeCodec.confStateAfter(e.data());
                } else if (e.data().length > 0) {
                    m.applied.add(new String(e.data(), StandardCharsets.UTF_8));
                }
                m.appliedIndex = e.index();
            }
            m.reads.addAll(rd.readStates());
            m.node.advance(rd);
        }
    }

    /** Called for each committed entry {@code m} is about to apply, before it does; an engine's checks go here. */
    protected void beforeApply(Member<N> m, LogEntry e) {
    }

    /** Process every member's Ready and deliver messages until nothing moves. */
    public void stabilize() {
        for (int round = 0; round < 10_000; round++) {
            members.values().forEach(this::processReady);
            if (queue.isEmpty()) {
                return;
            }
            deliverAll();
        }
        throw new AssertionError("network did not stabilize");
    }

    /** Deliver the messages queued now (not the answers they provoke). */
    public void deliverAll() {
        List<Message> batch = new ArrayList<>(queue);
        queue.clear();
        for (Message msg : batch) {
            deliver(msg);
        }
    }

    public void deliver(Message msg) {
        Member<N> to = members.get(msg.to());
        boolean lost = to == null || cut.contains(msg.from() + ">" + msg.to()) || drop.test(msg);
        trace.add((lost ? "DROP " : "") + msg);
        if (!lost) {
            to.node.step(msg);
        }
    }

    /** Take the queued messages without delivering them (for reordering). */
    public List<Message> takePending() {
        List<Message> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    public List<Message> pending() {
        return List.copyOf(queue);
    }

    /** Messages of type {@code type} delivered or dropped so far. */
    public long count(Class<?> type) {
        return trace.stream().filter(t -> t.startsWith(type.getSimpleName() + "[")).count();
    }

    public void clearTrace() {
        trace.clear();
    }

    // ---------------------------------------------------------------- helpers

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Compact {@code id}'s storage at its applied index with a snapshot of its applied commands. */
    public void compact(String id) {
        Member<N> m = member(id);
        byte[] data = bytes(String.join(",", m.applied));
        m.storage.createSnapshot(m.appliedIndex, m.conf, data);
        m.storage.compact(m.appliedIndex);
    }

    public Map<NodeId, Member<N>> members() {
        return new TreeMap<>(members);
    }
}
