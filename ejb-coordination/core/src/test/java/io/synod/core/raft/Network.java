package io.synod.core.raft;

import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.ReadState;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Role;
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
 * A tiny in-test cluster: each member is a {@link RaftNode} over a {@link MemoryLogStorage}, and its shell
 * is {@link #processReady}: persist, send, apply, advance. Messages sit in one FIFO until
 * {@link #deliverAll()}; links can be cut and messages filtered, so tests read like protocol traces.
 */
final class Network {

    /** What a member's state machine holds: applied commands in order, and its conf state. */
    static final class Member {
        final NodeId id;
        final MemoryLogStorage storage;
        RaftNode node;
        final List<String> applied = new ArrayList<>();
        final List<ReadState> reads = new ArrayList<>();
        long appliedIndex;
        ConfState conf;

        Member(NodeId id, MemoryLogStorage storage) {
            this.id = id;
            this.storage = storage;
            this.conf = storage.confState();
        }
    }

    private final Map<NodeId, Member> members = new LinkedHashMap<>();
    private final Function<NodeId, RaftConfig> configs;
    private final Deque<Message> queue = new ArrayDeque<>();
    private final Set<String> cut = new HashSet<>();
    private Predicate<Message> drop = m -> false;
    final List<String> trace = new ArrayList<>();
    private long seed = 42;

    Network(Function<NodeId, RaftConfig> configs) {
        this.configs = configs;
    }

    static RaftConfig config(NodeId id) {
        return new RaftConfig(id, 7, 10, 1, true, true, 1 << 20, 256, 1024, Set.of());
    }

    /** A group of voters named {@code ids}, all with default test configuration. */
    static Network of(String... ids) {
        return withConfig(Network::config, ids);
    }

    static Network withConfig(Function<NodeId, RaftConfig> configs, String... ids) {
        Network net = new Network(configs);
        Set<NodeId> voters = Arrays.stream(ids).map(NodeId::of).collect(Collectors.toSet());
        for (String id : ids) {
            net.add(NodeId.of(id), MemoryLogStorage.bootstrap(ConfState.ofVoters(voters)));
        }
        return net;
    }

    /** Add a member over {@code storage} (an empty one for a joining node). */
    Member add(NodeId id, MemoryLogStorage storage) {
        Member m = new Member(id, storage);
        m.node = new RaftNode(configs.apply(id), storage, new Random(seed++));
        members.put(id, m);
        return m;
    }

    Member member(String id) {
        return members.get(NodeId.of(id));
    }

    RaftNode node(String id) {
        return member(id).node;
    }

    Optional<RaftNode> leader() {
        return members.values().stream().map(m -> m.node).filter(n -> n.status().role() == Role.LEADER).findFirst();
    }

    // ---------------------------------------------------------------- faults

    void isolate(String id) {
        for (NodeId other : members.keySet()) {
            cut(id, other.value());
        }
    }

    void cut(String a, String b) {
        cut.add(a + ">" + b);
        cut.add(b + ">" + a);
    }

    void heal() {
        cut.clear();
        drop = m -> false;
    }

    void dropWhere(Predicate<Message> predicate) {
        drop = predicate;
    }

    /** Crash {@code id} (its unprocessed Ready is lost) and start a new instance over the same storage. */
    void restart(String id) {
        Member m = member(id);
        m.node = new RaftNode(configs.apply(m.id), m.storage, new Random(seed++));
        m.applied.clear();
        m.appliedIndex = m.storage.snapshot().metadata().index();
        m.conf = m.storage.confState();
        queue.removeIf(msg -> msg.from().equals(m.id));
    }

    // ---------------------------------------------------------------- driving

    void tick(String id, int times) {
        for (int i = 0; i < times; i++) {
            node(id).tick();
        }
    }

    void tickAll(int times) {
        for (int i = 0; i < times; i++) {
            members.values().forEach(m -> m.node.tick());
            stabilize();
        }
    }

    /** Tick {@code id} until it campaigns, then let the election run to the end. */
    void elect(String id) {
        RaftNode n = node(id);
        for (int i = 0; i < 100 && n.status().role() != Role.LEADER; i++) {
            n.tick();
            stabilize();
        }
        if (n.status().role() != Role.LEADER) {
            throw new AssertionError(id + " did not become leader: " + n.status());
        }
    }

    /** Tick only {@code ids} (one tick each, then stabilize) until one of them leads; returns its id. */
    String tickUntilLeader(String... ids) {
        for (int i = 0; i < 200; i++) {
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
    void processReady(Member m) {
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

    /** Process every member's Ready and deliver messages until nothing moves. */
    void stabilize() {
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
    void deliverAll() {
        List<Message> batch = new ArrayList<>(queue);
        queue.clear();
        for (Message msg : batch) {
            Member to = members.get(msg.to());
            boolean lost = to == null || cut.contains(msg.from() + ">" + msg.to()) || drop.test(msg);
            trace.add((lost ? "DROP " : "") + msg);
            if (!lost) {
                to.node.step(msg);
            }
        }
    }

    /** Messages of type {@code type} delivered or dropped so far. */
    long count(Class<?> type) {
        return trace.stream().filter(t -> t.startsWith(type.getSimpleName() + "[")).count();
    }

    List<Message> pending() {
        return List.copyOf(queue);
    }

    void clearTrace() {
        trace.clear();
    }

    // ---------------------------------------------------------------- helpers

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Compact {@code id}'s storage at its applied index with a snapshot of its applied commands. */
    void compact(String id) {
        Member m = member(id);
        byte[] data = bytes(String.join(",", m.applied));
        m.storage.createSnapshot(m.appliedIndex, m.conf, data);
        m.storage.compact(m.appliedIndex);
    }

    Map<NodeId, Member> members() {
        return new TreeMap<>(members);
    }
}
