package io.synod.core.paxos;

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
import java.util.HashMap;
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
 * A tiny in-test Multi-Paxos group: each member is a {@link PaxosNode} over a {@link MemoryLogStorage}, and its
 * shell is {@link #processReady}: persist, send, apply, advance. Messages sit in one FIFO until
 * {@link #deliverAll()}; links can be cut and messages filtered, so tests read like protocol traces.
 *
 * <p>It also checks the Paxos safety invariant on every applied slot: once any member learned a value for a
 * slot, no member learns another one ({@link #violations}).
 */
final class PaxosNetwork {

    static final class Member {
        final NodeId id;
        final MemoryLogStorage storage;
        PaxosNode node;
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
    private final Function<NodeId, PaxosConfig> configs;
    private final Deque<Message> queue = new ArrayDeque<>();
    private final Set<String> cut = new HashSet<>();
    private Predicate<Message> drop = m -> false;
    final List<String> trace = new ArrayList<>();
    /** Slot -> the value first learned for it by any member (type:data). */
    final Map<Long, String> chosen = new HashMap<>();
    final List<String> violations = new ArrayList<>();
    private long seed = 42;

    PaxosNetwork(Function<NodeId, PaxosConfig> configs) {
        this.configs = configs;
    }

    static PaxosConfig config(NodeId id) {
        return new PaxosConfig(id, 7, 10, 1, 1 << 20, 256, 1024, Set.of());
    }

    static PaxosNetwork of(String... ids) {
        return withConfig(PaxosNetwork::config, ids);
    }

    static PaxosNetwork withConfig(Function<NodeId, PaxosConfig> configs, String... ids) {
        PaxosNetwork net = new PaxosNetwork(configs);
        Set<NodeId> voters = Arrays.stream(ids).map(NodeId::of).collect(Collectors.toSet());
        for (String id : ids) {
            net.add(NodeId.of(id), MemoryLogStorage.bootstrap(ConfState.ofVoters(voters)));
        }
        return net;
    }

    Member add(NodeId id, MemoryLogStorage storage) {
        Member m = new Member(id, storage);
        m.node = new PaxosNode(configs.apply(id), storage, new Random(seed++));
        members.put(id, m);
        return m;
    }

    Member member(String id) {
        return members.get(NodeId.of(id));
    }

    PaxosNode node(String id) {
        return member(id).node;
    }

    Optional<PaxosNode> leader() {
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

    /** Crash {@code id} (its unprocessed Ready and queued output are lost) and restart it over its storage. */
    void restart(String id) {
        Member m = member(id);
        m.node = new PaxosNode(configs.apply(m.id), m.storage, new Random(seed++));
        m.applied.clear();
        m.appliedIndex = m.storage.snapshot().metadata().index();
        m.conf = m.storage.confState();
        queue.removeIf(msg -> msg.from().equals(m.id));
    }

    // ---------------------------------------------------------------- driving

    void tickAll(int times) {
        for (int i = 0; i < times; i++) {
            members.values().forEach(m -> m.node.tick());
            stabilize();
        }
    }

    /** Tick {@code id} alone until it leads, letting the election run to the end. */
    void elect(String id) {
        PaxosNode n = node(id);
        for (int i = 0; i < 100 && n.status().role() != Role.LEADER; i++) {
            n.tick();
            stabilize();
        }
        if (n.status().role() != Role.LEADER) {
            throw new AssertionError(id + " did not become leader: " + n.status());
        }
    }

    String tickUntilLeader(String... ids) {
        for (int i = 0; i < 300; i++) {
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
                if (e.index() != m.appliedIndex + 1) {
                    violations.add(m.id + " applied slot " + e.index() + " after " + m.appliedIndex);
                }
                String value = e.type() + ":" + new String(e.data(), StandardCharsets.UTF_8);
                String first = chosen.putIfAbsent(e.index(), value);
                if (first != null && !first.equals(value)) {
                    violations.add("slot " + e.index() + ": " + m.id + " learned " + value + " but " + first
                            + " was learned before");
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
            deliver(msg);
        }
    }

    void deliver(Message msg) {
        Member to = members.get(msg.to());
        boolean lost = to == null || cut.contains(msg.from() + ">" + msg.to()) || drop.test(msg);
        trace.add((lost ? "DROP " : "") + msg);
        if (!lost) {
            to.node.step(msg);
        }
    }

    /** Take the queued messages without delivering them (for reordering). */
    List<Message> takePending() {
        List<Message> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    long count(Class<?> type) {
        return trace.stream().filter(t -> t.startsWith(type.getSimpleName() + "[")).count();
    }

    void clearTrace() {
        trace.clear();
    }

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
