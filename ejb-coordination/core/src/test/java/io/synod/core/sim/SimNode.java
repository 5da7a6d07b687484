package io.synod.core.sim;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.ConsensusNode;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NodeStatus;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Role;
import io.synod.core.consensus.Snapshot;
import io.synod.core.paxos.PaxosMessage;
import io.synod.core.raft.RaftConfig;
import io.synod.core.raft.RaftMessage;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.EnvelopeCodec;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.lock.LockCommand;
import io.synod.core.statemachine.lock.LockCommandCodec;
import io.synod.core.statemachine.scheduler.SchedulerCommand;
import io.synod.core.statemachine.scheduler.SchedulerCommandCodec;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionCommandCodec;

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
 * the {@link SimStateMachine} (KV commands) or the real coordination services ({@link CoordinationReplica}:
 * session, lock and scheduler state machines in the production registry) and answer reads whose index has been
 * applied, then advance. It also takes
 * a snapshot every few applied entries and compacts the log behind it.
 */
public final class SimNode {

    private record ClientSeq(int client, long seq) {
    }

    private record ReleasedRead(long index, long readId) {
    }

    private record Awaited(ClientId client, long seq) {
    }

    /** Every this many ticks a leader proposes the coordination services' time-driven duties, if any are due. */
    private static final int DUTY_TICKS = 10;

    final int index;
    final NodeId id;
    private final SimulatedDisk disk;
    private final SimContext ctx;
    private ConsensusNode engine;
    private final SimStateMachine sm = new SimStateMachine();
    private final CoordinationReplica coord;
    private final Set<Awaited> awaitingCoordination = new HashSet<>();
    private long ticks;
    private long duties;
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
        this.coord = new CoordinationReplica(ctx.coordination().bugs);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Start (or restart) the process: rebuild the engine and the state machine from what is on disk. */
    void start(EngineFactory factory, RaftConfig config, Random engineRandom) {
        var storage = disk.storage();
        Snapshot snap = storage.snapshot();
        restoreImage(snap.data());
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
        awaitingCoordination.clear();
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
        if (engine != null && ++ticks % DUTY_TICKS == 0 && engine.status().role() == Role.LEADER) {
            leaderDuties();
        }
    }

    /**
     * What the production leader does on a timer, stamped with its own wall clock: propose the expiry of sessions
     * lapsed in its time (as its applied state knows them; the entry re-checks at apply), the expiry of lock
     * waits, and the scheduler's lease expiry and assignment. Each duty goes under a fresh client id, so a lost one never blocks the next.
     */
    private void leaderDuties() {
        long now = wallMillis();
        List<String> lapsed = coord.sessions().lapsedAt(now);
        if (!lapsed.isEmpty()) {
            duty(ServiceId.SESSIONS, SessionCommandCodec
                    .encode(new SessionCommand.Expire(
                            lapsed.subList(0, Math.min(lapsed.size(), 50)))));
        }
        if (engine != null && coord.locks().locks().stream().anyMatch(l -> !l.waiters().isEmpty())) {
            duty(ServiceId.LOCKS, LockCommandCodec
                    .encode(new LockCommand.ExpireWaiters()));
        }
        // The scheduler: put back lapsed attempts, then place ready tasks (the entry decides at its own time).
        if (coord.scheduler().nextLeaseExpiry().filter(t -> t <= now).isPresent()) {
            duty(ServiceId.SCHEDULER, SchedulerCommandCodec.encode(new SchedulerCommand.ExpireLeases()));
        }
        if (!coord.scheduler().members().isEmpty() && !coord.scheduler().readyQueue(now, 1).isEmpty()) {
            duty(ServiceId.SCHEDULER, SchedulerCommandCodec.encode(new SchedulerCommand.Assign(4)));
        }
    }

    private void duty(ServiceId service, byte[] payload) {
        if (engine == null) {
            return;
        }
        ClientId dutyId =
                ClientId.of("leader-" + id + "." + restarts + "." + ++duties);
        try {
            proposeCoordination(dutyId, 1, service, payload);
        } catch (NotLeaderException | ProposalDroppedException e) {
            // stepped down meanwhile, or a transfer is in progress: the next leader will do it
        }
    }

    /**
     * This node's wall clock in ms (one simulation unit = 1 ms at nominal speed): it runs at the node's own rate,
     * so under clock skew leaders disagree about time, as real ones do; the registry never lets time run back.
     */
    long wallMillis() {
        return ctx.clock().now() * SimulatedClock.UNITS_PER_TICK / ctx.clock().period(index);
    }

    /** A client command for the real coordination services; the node stamps its time as the leader does. */
    ProposalReceipt proposeCoordination(ClientId client, long seq,
                                        ServiceId service, byte[] payload) {
        byte[] data = EnvelopeCodec.encode(
                new CommandEnvelope(client, seq, wallMillis(), service, payload));
        ProposalReceipt receipt = engine.propose(data);
        awaitingCoordination.add(new Awaited(client, seq));
        ctx.trace().event(now(), "propose", index, client + "#" + seq + " " + service);
        drain();
        return receipt;
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
        restoreImage(s.data());
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
        // The registry sees every index (its gap check); a KV command reaches it as an empty entry it skips.
        ApplyOutcome outcome = coord.apply(CoordinationReplica.isEnvelope(e.data()) ? e
                : new LogEntry(e.index(), e.term(), e.type(), new byte[0]));
        if (e.type() == EntryType.CONF_CHANGE) {
            // The payload carries the whole resulting configuration: a member that joined later never saw
            // the bootstrap configuration, yet must stamp the right one on its snapshots.
            ConfState before = appliedConf;
            appliedConf = ConfChangeCodec.confStateAfter(e.data());
            ctx.monitor().onConfChangeApplied(id, e.index(), before, ConfChangeCodec.decode(e.data()), appliedConf);
            ctx.membership().onConfChangeApplied(this, ConfChangeCodec.decode(e.data()), e.index(), e.term());
        } else if (CoordinationReplica.isEnvelope(e.data())) {
            applyCoordination(e, outcome);
        } else if (e.data().length > 0) {
            SimCommand cmd = SimCommand.decode(e.data());
            Optional<SimResult> result = sm.apply(e.index(), cmd);
            if (result.isPresent() && awaiting.remove(new ClientSeq(cmd.client(), cmd.seq()))) {
                ctx.responder().respond(cmd.client(), cmd.seq(), result.get());
            }
        }
    }

    private void applyCoordination(LogEntry e, ApplyOutcome outcome) {
        CommandEnvelope env;
        try {
            env = EnvelopeCodec.decode(e.data());
        } catch (CodecException ex) {
            throw new InvariantViolation(id + " applied an undecodable envelope at " + e.index());
        }
        ctx.coordination().onApplied(e.index(), env, outcome, coord);
        if (awaitingCoordination.remove(new Awaited(env.clientId(), env.sequence()))) {
            ctx.coordination().respond(env.clientId(), env.sequence(), outcome, now());
        }
    }

    /** The node's state image: the KV service's, then the coordination registry's. */
    private byte[] image() {
        byte[] kv = sm.snapshot();
        byte[] registry = coord.snapshot();
        return ByteBuffer.allocate(4 + kv.length + registry.length).putInt(kv.length).put(kv).put(registry).array();
    }

    private void restoreImage(byte[] data) {
        if (data.length == 0) {
            sm.restore(data); // the bootstrap snapshot: empty services
            coord.restore(data);
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        byte[] kv = new byte[buf.getInt()];
        buf.get(kv);
        byte[] registry = new byte[buf.remaining()];
        buf.get(registry);
        sm.restore(kv);
        coord.restore(registry);
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
        byte[] image = image();
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

    /** This replica's scheduler state as applied so far (a worker's local, possibly stale, read). */
    io.synod.core.statemachine.scheduler.SchedulerView schedulerView() {
        return coord.scheduler();
    }

    byte[] stateImage() {
        return image();
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
