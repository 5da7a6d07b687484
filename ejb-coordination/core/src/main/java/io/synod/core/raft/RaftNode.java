package io.synod.core.raft;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.ConsensusNode;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NodeStatus;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.PeerProgress;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import io.synod.core.consensus.Ready;
import io.synod.core.consensus.Role;
import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SoftState;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.AppendResponse;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.core.raft.RaftMessage.InstallSnapshot;
import io.synod.core.raft.RaftMessage.RequestVote;
import io.synod.core.raft.RaftMessage.VoteResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A Raft node of one group (Ongaro's thesis, modelled on etcd-io/raft): a deterministic step function.
 * This class owns the node's state, handles everything that does not depend on the role (terms, votes, the
 * log's membership, the Ready/advance cycle) and dispatches the rest to the role's {@link RoleBehaviour}:
 * {@link FollowerState}, {@link CandidateState} (also pre-candidate) or {@link LeaderState}.
 *
 * <p>Construction reads term, vote, commit, snapshot and configuration from {@code storage}; that is also
 * how a node restarts after a crash. A node whose configuration is empty (a joining member) never
 * campaigns; it waits for a leader to contact it.
 */
public final class RaftNode implements ConsensusNode {

    final RaftConfig config;
    final NodeId id;
    final long groupId;
    private final Random random;
    final RaftLog log;
    final Membership membership;

    long term;
    Optional<NodeId> vote;
    /** {@link InjectedBug#VOTE_NOT_PERSISTED}: the granted vote lives in memory only. */
    private boolean voteHidden;
    Optional<NodeId> leader = Optional.empty();
    Role role = Role.FOLLOWER;
    RoleBehaviour behaviour;

    /** Ticks since the last reset of the election timer (followers, candidates) or check-quorum round (leader). */
    int electionElapsed;
    int randomizedElectionTimeout;
    /** Ticks since this instance was constructed: the node's local clock. */
    long now;

    private final List<Message> outbox = new ArrayList<>();
    private final List<ReadState> readStates = new ArrayList<>();
    private HardState prevHardState;
    private SoftState prevSoftState;

    public RaftNode(RaftConfig config, LogStorage storage, Random random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.id = config.id();
        this.groupId = config.groupId();
        HardState hs = storage.hardState();
        this.term = hs.term();
        this.vote = hs.vote();
        this.log = new RaftLog(storage);
        this.membership = new Membership(storage.confState());
        replayConfChanges(storage);
        this.prevHardState = hs;
        this.behaviour = new FollowerState(this);
        resetElectionTimer();
        this.prevSoftState = softState();
    }

    /** §4.1: the configuration is the latest one in the log, committed or not. */
    private void replayConfChanges(LogStorage storage) {
        long next = storage.firstIndex();
        long last = storage.lastIndex();
        while (next <= last) {
            List<LogEntry> batch = storage.entries(next, last + 1, 1 << 20);
            for (LogEntry e : batch) {
                if (e.type() == EntryType.CONF_CHANGE) {
                    membership.record(e.index(), ConfChangeCodec.confStateAfter(e.data()));
                }
            }
            next += batch.size();
        }
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
        behaviour.tick();
    }

    @Override
    public void step(Message message) {
        if (!(message instanceof RaftMessage m)) {
            throw new IllegalArgumentException("not a Raft message: " + message);
        }
        if (m.groupId() != groupId || !m.to().equals(id)) {
            return;
        }
        if (m.term() > term) {
            if (m instanceof RequestVote rv && !rv.transfer() && inLease()) {
                // §4.2.3: a member that hears from a live leader ignores (pre-)votes, so a partitioned or
                // removed server cannot depose it. Without this, a leader lease would not hold.
                return;
            }
            if (m instanceof RequestVote rv && rv.preVote()) {
                // §9.6: a pre-vote never changes our term.
            } else if (m instanceof VoteResponse vr && vr.preVote() && vr.granted()) {
                // Granted pre-votes carry the term the pre-candidate will campaign in; it is not ours yet.
            } else if (m instanceof AppendEntries || m instanceof Heartbeat || m instanceof InstallSnapshot) {
                becomeFollower(m.term(), Optional.of(m.from()));
            } else if (m instanceof RequestVote && role == Role.FOLLOWER) {
                // Fig. 3.1: only a live leader or a granted vote resets a follower's election timer. A candidate
                // we may reject must not hold back our own candidacy: with uneven clocks, fast candidates with
                // stale logs would otherwise keep the up-to-date members from ever timing out.
                int elapsed = electionElapsed;
                int timeout = randomizedElectionTimeout;
                becomeFollower(m.term(), Optional.empty());
                electionElapsed = elapsed;
                randomizedElectionTimeout = timeout;
            } else {
                becomeFollower(m.term(), Optional.empty());
            }
        } else if (m.term() < term) {
            if ((config.checkQuorum() || config.preVote()) && (m instanceof AppendEntries || m instanceof Heartbeat)) {
                // A stale leader would otherwise never learn it was deposed: with check-quorum or pre-vote our
                // higher term may never reach it through a vote request (§9.6).
                send(AppendResponse.success(groupId, id, m.from(), term, 0));
            } else if (m instanceof RequestVote rv && rv.preVote()) {
                send(new VoteResponse(groupId, id, m.from(), term, false, true));
            }
            return;
        }
        if (m instanceof RequestVote rv) {
            handleVoteRequest(rv);
            return;
        }
        behaviour.step(m);
    }

    /**
     * Leader stickiness (§4.2.3, on with check-quorum): we heard from a leader within an election timeout, or
     * we have just started and cannot know whether we did before the restart (so a restart cannot be used to
     * break a lease the old incarnation helped grant; a group still at term 0 never had a leader to protect).
     */
    private boolean inLease() {
        if (!config.checkQuorum()) {
            return false;
        }
        return (leader.isPresent() && electionElapsed < config.electionTicks())
                || (term > 0 && now < config.electionTicks());
    }

    private void handleVoteRequest(RequestVote rv) {
        if (membership.current().voters().isEmpty() && membership.current().learners().isEmpty()) {
            // We know no configuration: a joiner not yet reached by a leader, or a removed member whose data was
            // wiped and that came back under the same id. Such a vote (with an empty log) could complete a
            // majority of a stale configuration that still lists us, although the log we once acknowledged is
            // gone (amnesia). Vote only once a leader has given us the log and with it the configuration.
            send(new VoteResponse(groupId, id, rv.from(), term, false, rv.preVote()));
            return;
        }
        boolean canVote = vote.equals(Optional.of(rv.from()))
                || (vote.isEmpty() && leader.isEmpty())
                || (rv.preVote() && rv.term() > term);
        if (canVote && log.isUpToDate(rv.lastIndex(), rv.lastTerm())) {
            // §3.6.1 / §9.6. A granted pre-vote answers in the candidate's future term; it changes nothing here.
            send(new VoteResponse(groupId, id, rv.from(), rv.term(), true, rv.preVote()));
            if (!rv.preVote()) {
                electionElapsed = 0;
                vote = Optional.of(rv.from());
                // Persistence rule: the vote goes into this Ready's hard state, persisted before the answer
                // leaves. The injected bug leaves it out.
                voteHidden = config.has(InjectedBug.VOTE_NOT_PERSISTED);
            }
        } else {
            send(new VoteResponse(groupId, id, rv.from(), term, false, rv.preVote()));
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
        if (behaviour instanceof LeaderState ls) {
            ls.reportUnreachable(peer);
        }
    }

    private LeaderState leaderState() {
        if (behaviour instanceof LeaderState ls) {
            return ls;
        }
        throw new NotLeaderException(id, leader);
    }

    // ---------------------------------------------------------------- Ready / advance (etcd rawnode.go)

    @Override
    public boolean hasReady() {
        return !softState().equals(prevSoftState)
                || !hardState().equals(prevHardState)
                || log.unstable().snapshot().isPresent()
                || !log.unstable().entries().isEmpty()
                || !outbox.isEmpty()
                || !readStates.isEmpty()
                || log.hasNextCommittedEntries();
    }

    @Override
    public Ready ready() {
        SoftState soft = softState();
        HardState hard = hardState();
        List<LogEntry> entries = log.unstable().entries();
        Optional<Snapshot> snapshot = log.unstable().snapshot();
        Ready rd = Ready.since(prevSoftState, soft, prevHardState, hard, snapshot, entries,
                log.takeCommittedEntries(), outbox, readStates);
        prevSoftState = soft;
        outbox.clear();
        readStates.clear();
        return rd;
    }

    @Override
    public void advance(Ready rd) {
        rd.hardState().ifPresent(hs -> prevHardState = hs);
        rd.snapshot().ifPresent(s -> {
            log.stableSnapTo(s.metadata().index());
            log.appliedTo(s.metadata().index());
        });
        if (!rd.entries().isEmpty()) {
            LogEntry last = rd.entries().get(rd.entries().size() - 1);
            log.stableTo(last.index(), last.term());
        }
        if (!rd.committedEntries().isEmpty()) {
            log.appliedTo(rd.committedEntries().get(rd.committedEntries().size() - 1).index());
        }
        if (behaviour instanceof LeaderState ls && !rd.entries().isEmpty()) {
            // The leader counts its own entries towards a quorum only once they are durable.
            LogEntry last = rd.entries().get(rd.entries().size() - 1);
            ls.onOwnEntriesStable(last.index(), last.term());
        }
    }

    @Override
    public NodeStatus status() {
        Map<NodeId, PeerProgress> progress = new TreeMap<>();
        if (behaviour instanceof LeaderState ls) {
            ls.tracker().all().forEach((peer, p) -> progress.put(peer,
                    new PeerProgress(peer, p.match, p.next, p.state.name(), p.learner, p.recentActive)));
        }
        return new NodeStatus(id, groupId, reportedRole(), term, leader, log.committed, log.applied,
                log.lastIndex(), membership.current(), progress);
    }

    // ---------------------------------------------------------------- state shared by the roles

    HardState hardState() {
        return new HardState(term, voteHidden ? Optional.empty() : vote, log.committed);
    }

    SoftState softState() {
        return new SoftState(leader, reportedRole());
    }

    private Role reportedRole() {
        if (role == Role.FOLLOWER && membership.current().learners().contains(id)) {
            return Role.LEARNER;
        }
        return role;
    }

    /** May this node campaign? Only voters; learners and not-yet-members wait (§4.2.1). */
    boolean promotable() {
        return membership.current().voters().contains(id);
    }

    void send(RaftMessage m) {
        outbox.add(m);
    }

    void releaseRead(ReadState rs) {
        readStates.add(rs);
    }

    void resetElectionTimer() {
        electionElapsed = 0;
        // §3.4 randomized timeouts in [electionTicks, 2 * electionTicks) make split votes rare.
        randomizedElectionTimeout = config.electionTicks() + random.nextInt(config.electionTicks());
    }

    /** Follower and candidate tick: start an election once the randomized timeout passed without a leader. */
    void tickElection() {
        electionElapsed++;
        if (promotable() && electionElapsed >= randomizedElectionTimeout) {
            campaign(config.preVote(), false);
        }
    }

    private void setTerm(long newTerm) {
        if (newTerm != term) {
            term = newTerm;
            vote = Optional.empty();
            voteHidden = false;
        }
    }

    void becomeFollower(long newTerm, Optional<NodeId> newLeader) {
        setTerm(newTerm);
        role = Role.FOLLOWER;
        leader = newLeader;
        behaviour = new FollowerState(this);
        resetElectionTimer();
    }

    /** Start a pre-vote round (§9.6) or a real election; {@code transfer} when told by TimeoutNow (§3.10). */
    void campaign(boolean preVote, boolean transfer) {
        if (!promotable()) {
            return;
        }
        leader = Optional.empty();
        if (preVote) {
            role = Role.PRE_CANDIDATE;
        } else {
            setTerm(term + 1);
            vote = Optional.of(id);
            role = Role.CANDIDATE;
        }
        resetElectionTimer();
        CandidateState candidate = new CandidateState(this, preVote);
        behaviour = candidate;
        candidate.start(transfer);
    }

    void becomeLeader() {
        role = Role.LEADER;
        leader = Optional.of(id);
        electionElapsed = 0;
        LeaderState ls = new LeaderState(this);
        behaviour = ls;
        ls.start();
    }

    /**
     * Append to the log (leader proposals or follower replication) keeping the configuration in step: a
     * conf change counts from the moment it is appended, and one overwritten by truncation is undone (§4.1).
     */
    void appendToLog(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        boolean changed = membership.truncateFrom(entries.get(0).index());
        log.append(entries);
        for (LogEntry e : entries) {
            if (e.type() == EntryType.CONF_CHANGE) {
                changed |= membership.record(e.index(), ConfChangeCodec.confStateAfter(e.data()));
            }
        }
        if (changed) {
            onMembershipChanged();
        }
    }

    /** Install a snapshot received from the leader: it replaces our log, its configuration becomes ours. */
    void restoreSnapshot(Snapshot snap) {
        log.restore(snap);
        ConfState before = membership.current();
        membership.reset(snap.metadata().confState());
        if (!before.equals(membership.current())) {
            onMembershipChanged();
        }
    }

    private void onMembershipChanged() {
        if (behaviour instanceof LeaderState ls) {
            ls.onMembershipChanged(membership.current());
        } else if (role != Role.FOLLOWER && !promotable()) {
            becomeFollower(term, Optional.empty());
        }
    }

    @Override
    public String toString() {
        return "RaftNode[" + id + " " + reportedRole() + " t" + term + " commit=" + log.committed + " last="
                + log.lastIndex() + "]";
    }
}
