package io.synod.core.sim;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.ConsensusNode;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NodeStatus;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Role;
import io.synod.core.consensus.Snapshot;
import io.synod.core.paxos.PaxosMessage;
import io.synod.core.raft.RaftConfig;
import io.synod.core.raft.RaftMessage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shell around one engine instance, as the production event loop is: it feeds the engine ticks,
 * messages and client requests, and processes every {@link Ready} in the order the contract demands —
 * persist (snapshot, entries, hard state), sync if asked, only then send, then apply committed entries to
 * the {@link SimStateMachine} and answer reads whose index has been applied, then advance. It also takes
 * a snapshot every few applied entries and compacts the log behind it.
 */
public final class SimNode {

    private record ClientSeq(int client, long seq) {
    }

    private record ReleasedRead(long index, long readId) {
    }

    final int index;
    final NodeId id;
    private final SimulatedDisk disk;
    private final SimContext ctx;
    private ConsensusNode engine;
    private final SimStateMachine sm = new SimStateMachine();
    private long applied;
    private ConfState appliedConf = ConfState.EMPTY;
    private long lastSnapshot;
    private LogChain chain;
    private final Set<ClientSeq> awaiting = new HashSet<>();
    private final TreeMap<Long, ReadRequest> reads = new TreeMap<>();
    private final List<ReleasedRead> released = new ArrayList<>();
    private long nextReadId;
    private boolean grantedVote;
    private long lastCommit;
    /** This node's current term as of its last persisted hard state. */
    private long term;
    private long establishedTerm;
    private long restarts;

    SimNode(int index, NodeId id, SimulatedDisk disk, SimContext ctx) {
        this.index = index;
        this.id = id;
        this.disk = disk;
        this.ctx = ctx;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Start (or restart) the process: rebuild the engine and the state machine from what is on disk. */
    void start(EngineFactory factory, RaftConfig config, Random engineRandom) {
        var storage = disk.storage();
        Snapshot snap = storage.snapshot();
        sm.restore(snap.data());
        applied = snap.metadata().index();
        lastSnapshot = applied;
        appliedConf = snap.metadata().confState();
        term = storage.hardState().term();
        long base = storage.firstIndex() - 1;
        chain = LogChain.of(storage, ctx.monitor().baseHash(base, storage.term(base)));
        engine = factory.create(config, storage, engineRandom);
        ctx.trace().event(now(), "start", index, storage.lastIndex());
        drain();
    }

    /** Power loss: unsynced writes may vanish, everything in memory does. */
    void crash(Random random) {
        int lost = disk.crash(random);
        ctx.trace().event(now(), "crash", index, (long) lost);
        down();
        restarts++;
    }

    /** The operator decommissioned this member: the process stops and its data directory is deleted. */
    void decommission() {
        ctx.trace().event(now(), "decommission", index, 0L);
        down();
        disk.wipeAsJoiner();
    }

    private void down() {
        engine = null;
        lastCommit = 0;
        awaiting.clear();
        reads.clear();
        released.clear();
        ctx.network().dropAllTo(index);
    }

    boolean isUp() {
        return engine != null;
    }

    // ------------------------------------------------------------------ inputs

    void tick() {
        engine.tick();
        drain();
        observe();
    }

    void deliver(Message m) {
        ctx.trace().event(now(), "deliver", index, m);
        engine.step(m);
        drain();
    }

    /** A client command; throws the engine's NotLeader/ProposalDropped unchanged. */
    ProposalReceipt propose(SimCommand cmd) {
        ProposalReceipt receipt = engine.propose(cmd.encode());
        awaiting.add(new ClientSeq(cmd.client(), cmd.seq()));
        ctx.trace().event(now(), "propose", index, cmd);
        drain();
        return receipt;
    }

    /** A linearizable read (§6.4 ReadIndex, SAFE mode: the lease is not trusted under clock skew). */
    void read(ReadRequest request) {
        long readId = nextReadId++;
        engine.readIndex(ByteBuffer.allocate(8).putLong(readId).array(), ReadMode.SAFE);
        reads.put(readId, request);
        ctx.trace().event(now(), "read", index, request);
        drain();
    }

    ProposalReceipt proposeConfChange(ConfChange change) {
        ProposalReceipt receipt = engine.proposeConfChange(change);
        ctx.trace().event(now(), "confchange", index, change);
        drain();
        return receipt;
    }

    void transferLeadership(NodeId target) {
        ctx.trace().event(now(), "transfer", index, target);
        engine.transferLeadership(target);
        drain();
    }

    NodeStatus status() {
        return engine.status();
    }

    // ------------------------------------------------------------------ the Ready cycle

    private void drain() {
        while (engine != null && engine.hasReady()) {
            Ready rd = engine.ready();
            persist(rd);
            for (Message m : rd.messages()) {
                grantedVote |= m instanceof RaftMessage.VoteResponse v && v.granted() && !v.preVote();
                // Multi-Paxos: a promise (phase 1b) is the vote; one for a compacted range promises nothing.
                grantedVote |= m instanceof PaxosMessage.Promise p && p.snapshotIndex() < p.fromSlot();
                if (!ctx.network().send(m, now()) && engine != null) {
                    // The transport could not connect (partition): tell the engine, as a TCP shell would.
                    engine.reportUnreachable(m.to());
                }
            }
            rd.snapshot().ifPresent(this::restoreFrom);
            for (LogEntry e : rd.committedEntries()) {
                apply(e);
            }
            for (ReadState rs : rd.readStates()) {
                released.add(new ReleasedRead(rs.index(), ByteBuffer.wrap(rs.context()).getLong()));
            }
            serveReads();
            engine.advance(rd);
            maybeSnapshot();
            rd.hardState().ifPresent(this::noticeCommit);
            if (rd.softState().isPresent()) {
                observe();
            }
        }
    }

    private void persist(Ready rd) {
        rd.snapshot().ifPresent(s -> {
            disk.installSnapshot(s);
            if (disk.storage().snapshot().equals(s)) {
                chain.reset(s.metadata().index(), ctx.monitor().baseHash(s.metadata().index(), s.metadata().term()));
            }
        });
        if (!rd.entries().isEmpty()) {
            disk.append(rd.entries());
            for (LogEntry e : rd.entries()) {
                if (e.index() > chain.base()) {
                    ctx.monitor().onStable(id, e, chain.append(e));
                }
            }
        }
        rd.hardState().ifPresent(hs -> {
            disk.setHardState(hs);
            term = hs.term();
        });
        if (rd.mustSync()) {
            disk.sync();
        }
    }

    private void restoreFrom(Snapshot s) {
        if (s.metadata().index() <= applied) {
            return; // never move the state machine backwards
        }
        sm.restore(s.data());
        applied = s.metadata().index();
        lastSnapshot = applied;
        appliedConf = s.metadata().confState();
        ctx.trace().event(now(), "installed", index, applied);
        ctx.monitor().onStateImage(id, applied, s.data());
    }

    private void apply(LogEntry e) {
        if (e.index() <= applied) {
            return; // already covered by the snapshot we restored from
        }
        if (e.index() != applied + 1) {
            throw new InvariantViolation(id + " was handed entry " + e.index() + " to apply after " + applied + " (gap)");
        }
        ctx.monitor().onApplied(id, e, term);
        applied = e.index();
        if (e.type() == EntryType.CONF_CHANGE) {
            // The payload carries the whole resulting configuration: a member that joined later never saw
            // the bootstrap configuration, yet must stamp the right one on its snapshots.
            ConfState before = appliedConf;
            appliedConf = ConfChangeCodec.confStateAfter(e.data());
            ctx.monitor().onConfChangeApplied(id, e.index(), before, ConfChangeCodec.decode(e.data()), appliedConf);
            ctx.membership().onConfChangeApplied(this, ConfChangeCodec.decode(e.data()), e.index(), e.term());
        } else if (e.data().length > 0) {
            SimCommand cmd = SimCommand.decode(e.data());
            Optional<SimResult> result = sm.apply(e.index(), cmd);
            if (result.isPresent() && awaiting.remove(new ClientSeq(cmd.client(), cmd.seq()))) {
                ctx.responder().respond(cmd.client(), cmd.seq(), result.get());
            }
        }
    }

    private void serveReads() {
        for (Iterator<ReleasedRead> it = released.iterator(); it.hasNext(); ) {
            ReleasedRead r = it.next();
            if (r.index() > applied) {
                continue;
            }
            it.remove();
            ReadRequest req = reads.remove(r.readId());
            if (req != null) {
                SimResult result = req.counter() ? sm.count(req.key()) : sm.get(req.key());
                ctx.trace().event(now(), "served", index, r.index());
                ctx.responder().respond(req.client(), req.seq(), result);
            }
        }
    }

    private void maybeSnapshot() {
        if (applied - lastSnapshot < ctx.snapshotEvery()) {
            return;
        }
        byte[] image = sm.snapshot();
        long compactTo = Math.max(disk.storage().firstIndex() - 1, applied - ctx.compactTail());
        disk.snapshotAndCompact(applied, appliedConf, image, compactTo);
        lastSnapshot = applied;
        ctx.trace().event(now(), "snapshot", index, applied);
        ctx.monitor().onStateImage(id, applied, image);
    }

    /** The first commit of a leader in its term is a moment the nemesis likes to strike at. */
    private void noticeCommit(io.synod.core.consensus.HardState hs) {
        if (hs.commit() <= lastCommit) {
            return;
        }
        lastCommit = hs.commit();
        if (engine != null && hs.term() != establishedTerm) {
            NodeStatus s = engine.status();
            if (s.role() == Role.LEADER && s.term() == hs.term()) {
                establishedTerm = hs.term();
                ctx.membership().onFirstCommitAsLeader(this, hs.term());
            }
        }
    }

    /** Election safety and leader completeness are checked whenever a node is seen leading. */
    private void observe() {
        if (engine == null) {
            return;
        }
        NodeStatus s = engine.status();
        if (s.role() == Role.LEADER && ctx.monitor().onLeader(id, s.term(), disk.storage())) {
            ctx.membership().onNewLeader(this, s.term());
        }
    }

    // ------------------------------------------------------------------ for the nemesis and the final checks

    /** Whether this node granted a (real, not pre-) vote since the last call: the moment to crash it. */
    boolean takeGrantedVote() {
        boolean g = grantedVote;
        grantedVote = false;
        return g;
    }

    /** The stable log as the engine sees it (for scripted faults and reports). */
    io.synod.core.log.MemoryLogStorage storage() {
        return disk.storage();
    }

    long applied() {
        return applied;
    }

    byte[] stateImage() {
        return sm.snapshot();
    }

    long restarts() {
        return restarts;
    }

    private long now() {
        return ctx.clock().now();
    }

    @Override
    public String toString() {
        return id + (engine == null ? " (down)" : " " + engine.status().role() + " t" + engine.status().term());
    }
}
