package io.synod.benchmarks.raft;

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
import io.synod.core.raft.RaftConfig;
import io.synod.core.raft.RaftNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A single-threaded in-memory Raft cluster for benchmarks: each member is a {@link RaftNode} over a
 * {@link MemoryLogStorage} (no WAL, no fsync), and messages go from one member's Ready straight into
 * the others' {@code step} through one FIFO, without encoding. The shell follows the Ready contract:
 * persist (snapshot, entries, hard state into the storage), then send, then apply, then advance.
 *
 * <p>The "state machine" only counts applied entries and payload bytes, so the numbers are the cost of
 * the consensus engine and its Ready cycle, not of any service. Time never passes once a leader is
 * elected (no ticks), so runs are deterministic for a given seed.
 */
final class InMemoryCluster {

    /** One member: its node, its storage and what it has applied. */
    static final class Member {
        final NodeId id;
        final MemoryLogStorage storage;
        final RaftNode node;
        long appliedIndex;
        long appliedEntries;
        long appliedBytes;
        ConfState conf;
        final List<ReadState> reads = new ArrayList<>();

        Member(NodeId id, MemoryLogStorage storage, RaftNode node) {
            this.id = id;
            this.storage = storage;
            this.node = node;
            this.conf = storage.confState();
        }
    }

    /** Rounds of ready/deliver after which the cluster is considered stuck (a bug, not a slow run). */
    private static final int MAX_ROUNDS = 100_000;

    private final List<Member> members = new ArrayList<>();
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final ArrayList<Message> inFlight = new ArrayList<>();
    private final long compactEvery;
    private Member leader;

    /**
     * @param size         number of voters
     * @param seed         seeds each node's {@link Random} ({@code seed + i})
     * @param compactEvery snapshot + compact every member's log once this many entries are applied past
     *                     the last compaction (keeps a long run's memory bounded); 0 = never
     */
    InMemoryCluster(int size, long seed, long compactEvery) {
        this.compactEvery = compactEvery;
        Set<NodeId> voters = new LinkedHashSet<>();
        for (int i = 1; i <= size; i++) {
            voters.add(NodeId.of("n" + i));
        }
        int i = 0;
        for (NodeId id : voters) {
            MemoryLogStorage storage = MemoryLogStorage.bootstrap(ConfState.ofVoters(voters));
            RaftNode node = new RaftNode(RaftConfig.defaults(id, 1), storage, new Random(seed + i++));
            members.add(new Member(id, storage, node));
        }
    }

    /** Tick the first member until it leads, then run until its no-op is applied everywhere. */
    Member electFirst() {
        Member first = members.get(0);
        for (int i = 0; i < 1_000 && first.node.status().role() != Role.LEADER; i++) {
            first.node.tick();
            pump();
        }
        if (first.node.status().role() != Role.LEADER) {
            throw new IllegalStateException("n1 did not become leader: " + first.node.status());
        }
        leader = first;
        pump();
        long committed = first.node.status().commitIndex();
        requireAppliedEverywhere(committed);
        return first;
    }

    Member leader() {
        return leader;
    }

    List<Member> members() {
        return members;
    }

    /**
     * Process every member's Ready and deliver the messages it produced, round after round, until no
     * member has a Ready and no message is in flight.
     */
    void pump() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            for (int i = 0; i < members.size(); i++) {
                processReady(members.get(i));
            }
            if (queue.isEmpty()) {
                return;
            }
            deliverQueued();
        }
        throw new IllegalStateException("cluster did not quiesce within " + MAX_ROUNDS + " rounds");
    }

    /** Fails unless every member has applied at least {@code index}. */
    void requireAppliedEverywhere(long index) {
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.appliedIndex < index) {
                throw new IllegalStateException(m.id + " applied " + m.appliedIndex + " < " + index);
            }
        }
    }

    /** Snapshot and compact every member at the common applied index once enough has piled up. */
    void maybeCompact() {
        if (compactEvery <= 0) {
            return;
        }
        long common = Long.MAX_VALUE;
        for (int i = 0; i < members.size(); i++) {
            common = Math.min(common, members.get(i).appliedIndex);
        }
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (common - m.storage.firstIndex() + 1 >= compactEvery) {
                m.storage.createSnapshot(common, m.conf, new byte[0]);
                m.storage.compact(common);
            }
        }
    }

    /** The shell of one member (Ready contract): persist, send, apply, advance. */
    private void processReady(Member m) {
        while (m.node.hasReady()) {
            Ready rd = m.node.ready();
            // 1. persist (memory only: what is in the storage counts as durable)
            rd.snapshot().ifPresent(s -> {
                m.storage.applySnapshot(s);
                m.appliedIndex = s.metadata().index();
                m.conf = s.metadata().confState();
            });
            m.storage.append(rd.entries());
            rd.hardState().ifPresent(m.storage::setHardState);
            // 2. send
            queue.addAll(rd.messages());
            // 3. apply
            List<LogEntry> committed = rd.committedEntries();
            for (int i = 0; i < committed.size(); i++) {
                LogEntry e = committed.get(i);
                if (e.index() <= m.appliedIndex) {
                    continue;
                }
                if (e.type() == EntryType.CONF_CHANGE) {
                    m.conf = ConfChangeCodec.confStateAfter(e.data());
                } else if (e.data().length > 0) {
                    m.appliedEntries++;
                    m.appliedBytes += e.data().length;
                }
                m.appliedIndex = e.index();
            }
            if (!rd.readStates().isEmpty()) {
                m.reads.addAll(rd.readStates());
            }
            // 4. advance
            m.node.advance(rd);
        }
    }

    private void deliverQueued() {
        inFlight.clear();
        inFlight.addAll(queue);
        queue.clear();
        for (int i = 0; i < inFlight.size(); i++) {
            Message msg = inFlight.get(i);
            memberOf(msg.to()).node.step(msg);
        }
        inFlight.clear();
    }

    private Member memberOf(NodeId id) {
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalStateException("message to unknown member " + id);
    }
}
