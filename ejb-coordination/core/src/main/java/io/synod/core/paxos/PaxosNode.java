package io.synod.core.paxos;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConsensusNode;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NodeStatus;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Role;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SoftState;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Accepted;
import io.synod.core.paxos.PaxosMessage.Heartbeat;
import io.synod.core.paxos.PaxosMessage.HeartbeatAck;
import io.synod.core.paxos.PaxosMessage.Nack;
import io.synod.core.paxos.PaxosMessage.Prepare;
import io.synod.core.paxos.PaxosMessage.Promise;
import io.synod.core.paxos.PaxosMessage.SnapshotAck;
import io.synod.core.paxos.PaxosMessage.SnapshotChunk;
import io.synod.core.paxos.PaxosMessage.TimeoutNow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A Multi-Paxos node of one group: a deterministic step function behind the same SPI as Raft. Every member is
 * an {@link Acceptor} and a learner; a voter whose leader went quiet runs phase 1 as a {@link Candidate} with a
 * fresh ballot after a randomized backoff, and the winner is the distinguished proposer, a {@link Leader},
 * until a higher ballot preempts it ("Paxos Made Moderately Complex": leaders, acceptors, replicas collapsed
 * into one process, as in "Paxos Made Live").
 *
 * <p>Durable state is read from {@code storage} on construction (that is also how a node restarts): promised
 * ballot = hard state term, promised proposer = vote, chosen prefix = commit, accepted values = the log.
 */
public final class PaxosNode implements ConsensusNode {

    final PaxosConfig config;
    final NodeId id;
    final long groupId;
    private final Random random;
    final SlotLog log;
    final ConfigHistory configs;
    final Acceptor acceptor;

    /** Promised ballot (encoded) and to whom: the acceptor's durable promise. */
    long promised;
    Optional<NodeId> promisedTo;
    /** Highest round seen in any ballot: our next ballot goes above it. */
    private long maxSeenRound;
    Optional<NodeId> leader = Optional.empty();
    private Role role = Role.FOLLOWER;
    private Candidate candidate;
    private Leader leaderState;

    int electionElapsed;
    private int randomizedElectionTimeout;
    /** Ticks since this instance was constructed: the node's local clock. */
    long now;

    private final List<Message> outbox = new ArrayList<>();
    private final List<ReadState> readStates = new ArrayList<>();
    private HardState prevHardState;
    private SoftState prevSoftState;

    public PaxosNode(PaxosConfig config, LogStorage storage, Random random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.id = config.id();
        this.groupId = config.groupId();
        HardState hs = storage.hardState();
        this.promised = hs.term();
        this.promisedTo = hs.vote();
        this.maxSeenRound = Ballot.decode(promised).round();
        this.log = new SlotLog(storage);
        this.configs = new ConfigHistory(storage.firstIndex() - 1, storage.confState());
        long next = storage.firstIndex();
        while (next <= storage.lastIndex()) {
            List<LogEntry> batch = storage.entries(next, storage.lastIndex() + 1, 1 << 20);
            batch.forEach(configs::record);
            next += batch.size();
        }
        this.acceptor = new Acceptor(this);
        this.prevHardState = hs;
        resetElectionTimer();
        this.prevSoftState = softState();
    }

    // ---------------------------------------------------------------- ConsensusNode

    @Override
    public NodeId id() {
        return id;
    }

    @Override
    public long groupId() {
        return groupId;
    }

    @Override
    public void tick() {
        now++;
        if (leaderState != null) {
            leaderState.tick();
            return;
        }
        electionElapsed++;
        if (promotable() && electionElapsed >= randomizedElectionTimeout) {
            campaign(false);
        }
    }

    @Override
    public void step(Message message) {
        if (!(message instanceof PaxosMessage m)) {
            throw new IllegalArgumentException("not a Paxos message: " + message);
        }
        if (m.groupId() != groupId || !m.to().equals(id)) {
            return;
        }
        maxSeenRound = Math.max(maxSeenRound, Ballot.decode(m.ballot()).round());
        if (m instanceof Prepare p) {
            acceptor.onPrepare(p);
        } else if (m instanceof Accept a) {
            acceptor.onAccept(a);
        } else if (m instanceof Heartbeat h) {
            acceptor.onHeartbeat(h);
        } else if (m instanceof SnapshotChunk c) {
            acceptor.onSnapshotChunk(c);
        } else if (m instanceof TimeoutNow t) {
            if (t.ballot() == promised && leader.equals(Optional.of(t.from()))) {
                campaign(true);
            }
        } else if (m instanceof Promise p) {
            if (candidate != null) {
                candidate.onPromise(p);
            }
        } else if (m instanceof Nack n) {
            onNack(n);
        } else if (leaderState != null && m.ballot() == leaderState.ballot) {
            if (m instanceof Accepted a) {
                leaderState.onAccepted(a);
            } else if (m instanceof HeartbeatAck h) {
                leaderState.onHeartbeatAck(h);
            } else if (m instanceof SnapshotAck s) {
                leaderState.onSnapshotAck(s);
            }
        }
    }

    /** Preempted ("Paxos Made Moderately Complex" §3): someone promised a higher ballot; back off and follow. */
    private void onNack(Nack n) {
        maxSeenRound = Math.max(maxSeenRound, Ballot.decode(n.promised()).round()); // retry above it
        long ours = candidate != null ? candidate.ballot : leaderState != null ? leaderState.ballot : -1;
        if (n.ballot() == ours && n.promised() > ours) {
            becomeFollower(Optional.empty());
        }
    }

    @Override
    public ProposalReceipt propose(byte[] command) {
        Objects.requireNonNull(command, "command");
        if (command.length == 0) {
            throw new IllegalArgumentException("empty command: an empty NORMAL entry is the leader's no-op");
        }
        return leaderState().propose(EntryType.NORMAL, command);
    }

    @Override
    public ProposalReceipt proposeConfChange(ConfChange change) {
        Objects.requireNonNull(change, "change");
        return leaderState().proposeConfChange(change);
    }

    @Override
    public void readIndex(byte[] context, ReadMode mode) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(mode, "mode");
        leaderState().readIndex(context, mode);
    }

    @Override
    public void transferLeadership(NodeId target) {
        Objects.requireNonNull(target, "target");
        leaderState().transferLeadership(target);
    }

    @Override
    public void reportUnreachable(NodeId peer) {
        if (leaderState != null) {
            leaderState.reportUnreachable(peer);
        }
    }

    private void flushAccepts() {
        if (leaderState != null) {
            leaderState.flushAccepts();
        }
    }

    private Leader leaderState() {
        if (leaderState == null) {
            throw new NotLeaderException(id, leader);
        }
        return leaderState;
    }

    // ---------------------------------------------------------------- Ready / advance

    @Override
    public boolean hasReady() {
        flushAccepts();
        return !softState().equals(prevSoftState)
                || !hardState().equals(prevHardState)
                || log.pendingSnapshot().isPresent()
                || !log.unstableEntries().isEmpty()
                || !outbox.isEmpty()
                || !readStates.isEmpty()
                || log.hasNextCommitted();
    }

    @Override
    public Ready ready() {
        flushAccepts();
        SoftState soft = softState();
        HardState hard = hardState();
        List<LogEntry> entries = log.unstableEntries();
        Optional<Snapshot> snapshot = log.pendingSnapshot();
        // The persistence rule (Ready.mustSync): a promise or an accepted value is durable before the answer leaves.
        Ready rd = Ready.since(prevSoftState, soft, prevHardState, hard, snapshot, entries,
                log.takeCommitted(), outbox, readStates);
        prevSoftState = soft;
        outbox.clear();
        readStates.clear();
        return rd;
    }

    @Override
    public void advance(Ready rd) {
        rd.hardState().ifPresent(hs -> prevHardState = hs);
        log.stableTo(rd.snapshot(), rd.entries());
        rd.snapshot().ifPresent(s -> log.appliedTo(s.metadata().index()));
        if (!rd.committedEntries().isEmpty()) {
            log.appliedTo(rd.committedEntries().get(rd.committedEntries().size() - 1).index());
        }
        if (leaderState != null && !rd.entries().isEmpty()) {
            // The leader's own acceptor counts towards a majority only once its values are durable.
            leaderState.onOwnSlotsStable(log.stableLastIndex());
        }
    }

    @Override
    public NodeStatus status() {
        return new NodeStatus(id, groupId, reportedRole(), promised, leader, log.committed, log.applied,
                log.lastIndex(), configs.at(log.committed + 1),
                leaderState == null ? Map.of() : leaderState.progress());
    }

    // ---------------------------------------------------------------- shared by the roles

    HardState hardState() {
        return new HardState(promised, promisedTo, log.committed);
    }

    private SoftState softState() {
        return new SoftState(leader, reportedRole());
    }

    private Role reportedRole() {
        if (role == Role.FOLLOWER && configs.at(log.committed + 1).learners().contains(id)) {
            return Role.LEARNER;
        }
        return role;
    }

    boolean knowsNoConfiguration() {
        return configs.at(log.committed + 1).voters().isEmpty() && configs.at(log.lastIndex() + 1).voters().isEmpty();
    }

    /** Only voters of the chosen configuration run phase 1; learners and joiners wait to be contacted. */
    private boolean promotable() {
        return configs.at(log.committed + 1).voters().contains(id);
    }

    void send(PaxosMessage m) {
        if (m.to().equals(id)) {
            return;
        }
        outbox.add(m);
    }

    void releaseRead(ReadState rs) {
        readStates.add(rs);
    }

    /**
     * We follow a live leader (or just restarted and cannot know whether we did): no promises to anyone else.
     * A group that never promised anything has no leader to protect.
     */
    boolean sticky() {
        return (leader.isPresent() && electionElapsed < config.electionTicks())
                || (promised > 0 && now < config.electionTicks());
    }

    private void resetElectionTimer() {
        electionElapsed = 0;
        // Randomized backoff from the injected source: competing proposers rarely collide twice in a row.
        randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
    }

    /** Record a promise; it reaches the hard state of the next Ready, persisted before any answer leaves. */
    void promise(long ballot, NodeId proposer) {
        promised = ballot;
        promisedTo = Optional.of(proposer);
    }

    /** A leader with ballot {@code ballot} >= promised spoke: follow it, adopting its ballot as our promise. */
    void followLeader(NodeId from, long ballot) {
        if (ballot > promised) {
            promise(ballot, from);
        }
        if (role != Role.FOLLOWER || !leader.equals(Optional.of(from))) {
            becomeFollower(Optional.of(from));
        }
        electionElapsed = 0;
    }

    void becomeFollower(Optional<NodeId> newLeader) {
        candidate = null;
        leaderState = null;
        role = Role.FOLLOWER;
        leader = newLeader;
        resetElectionTimer();
    }

    /** Our phase 1 needs chosen slots a promiser compacted: stop, and wait for a leader to catch us up. */
    void abandonCandidacy() {
        becomeFollower(Optional.empty());
    }

    /** Phase 1 with a fresh ballot above every ballot seen, starting at our first unchosen slot. */
    void campaign(boolean transfer) {
        if (!promotable()) {
            return;
        }
        long round = Math.max(maxSeenRound, Ballot.decode(promised).round()) + 1;
        long ballot = Ballot.of(round, id).encode();
        maxSeenRound = round;
        promise(ballot, id);
        leader = Optional.empty();
        leaderState = null;
        role = Role.CANDIDATE;
        resetElectionTimer();
        candidate = new Candidate(this, ballot, log.committed + 1, transfer);
        candidate.start();
    }

    void becomeLeader(Candidate won, List<LogEntry> adopted) {
        candidate = null;
        role = Role.LEADER;
        leader = Optional.of(id);
        electionElapsed = 0;
        leaderState = new Leader(this, won.ballot);
        leaderState.start(won.fromSlot, adopted);
    }

    /** Accept values into slots (the acceptor's write), keeping the configuration history in step. */
    void writeSlots(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long before = log.lastIndex();
        log.write(entries);
        entries.forEach(configs::record);
        for (long slot = before + 1; slot < entries.get(0).index(); slot++) {
            configs.record(SlotLog.hole(slot));
        }
    }

    /** Learn that every slot up to {@code slot} is chosen. */
    void learn(long slot) {
        if (slot > log.committed) {
            log.commitTo(Math.min(slot, log.lastIndex()));
        }
    }

    void restoreSnapshot(Snapshot snap) {
        log.restore(snap);
        configs.reset(snap.metadata().index(), snap.metadata().confState());
    }
}
