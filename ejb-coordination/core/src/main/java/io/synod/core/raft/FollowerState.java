package io.synod.core.raft;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Snapshot;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.AppendResponse;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.core.raft.RaftMessage.HeartbeatResponse;
import io.synod.core.raft.RaftMessage.InstallSnapshot;
import io.synod.core.raft.RaftMessage.SnapshotResponse;
import io.synod.core.raft.RaftMessage.TimeoutNow;

import java.util.List;
import java.util.Optional;

/**
 * Follower (and learner) behaviour: accept the leader's log, commit what it says is committed, answer
 * heartbeats, assemble snapshots, and start an election when the leader goes silent or says TimeoutNow.
 * Every answer leaves through the Ready that also carries what it promises, so it is sent only after the
 * shell persisted it.
 */
final class FollowerState implements RoleBehaviour {

    private final RaftNode node;
    private final SnapshotAssembler assembler = new SnapshotAssembler();

    FollowerState(RaftNode node) {
        this.node = node;
    }

    @Override
    public void tick() {
        node.tickElection();
    }

    @Override
    public void step(RaftMessage message) {
        if (message instanceof AppendEntries m) {
            heardFromLeader(m);
            handleAppend(m);
        } else if (message instanceof Heartbeat m) {
            heardFromLeader(m);
            // The leader never sends a commit beyond what we are known to hold.
            node.log.commitTo(Math.min(m.commit(), node.log.lastIndex()));
            node.send(new HeartbeatResponse(node.groupId, node.id, m.from(), node.term, m.readSeq(),
                    m.sentAtTick()));
        } else if (message instanceof InstallSnapshot m) {
            heardFromLeader(m);
            handleSnapshotChunk(m);
        } else if (message instanceof TimeoutNow && node.promotable()) {
            // §3.10: the leader handed over; campaign at once, without pre-vote and past stickiness.
            node.campaign(false, true);
        }
        // Anything else answers an earlier role of ours: nothing to do.
    }

    private void heardFromLeader(RaftMessage m) {
        node.electionElapsed = 0;
        node.leader = Optional.of(m.from());
    }

    /** §3.5 log matching, with the conflict hint for fast backtracking. */
    private void handleAppend(AppendEntries m) {
        RaftLog log = node.log;
        if (m.prevIndex() < log.committed) {
            node.send(AppendResponse.success(node.groupId, node.id, m.from(), node.term, log.committed));
            return;
        }
        if (log.matchTerm(m.prevIndex(), m.prevTerm())) {
            long lastNew = m.prevIndex() + m.entries().size();
            long conflict = log.findConflict(m.entries());
            if (conflict != 0) {
                if (conflict <= log.committed) {
                    throw new IllegalStateException("entry " + conflict + " conflicts with committed log (commit "
                            + log.committed + "): Log Matching violated");
                }
                List<LogEntry> fresh = m.entries().subList((int) (conflict - m.prevIndex() - 1), m.entries().size());
                node.appendToLog(fresh);
            }
            log.commitTo(Math.min(m.leaderCommit(), lastNew));
            node.send(AppendResponse.success(node.groupId, node.id, m.from(), node.term, lastNew));
            return;
        }
        // Tell the leader where our log could match: the last index <= prevIndex whose term is <= prevTerm.
        // Every index above it holds a term the leader does not have at that position.
        RaftLog.Position hint = log.findConflictByTerm(Math.min(m.prevIndex(), log.lastIndex()), m.prevTerm());
        node.send(new AppendResponse(node.groupId, node.id, m.from(), node.term, m.prevIndex(), true,
                hint.index(), hint.term()));
    }

    private void handleSnapshotChunk(InstallSnapshot m) {
        SnapshotAssembler.Outcome outcome = assembler.accept(m);
        if (outcome.complete().isEmpty()) {
            node.send(new SnapshotResponse(node.groupId, node.id, m.from(), node.term, m.metadata().index(),
                    outcome.nextOffset()));
            return;
        }
        installSnapshot(m, outcome.complete().get());
    }

    /**
     * A complete snapshot (§5.3): ignore it if we committed that far; fast-forward if our log already holds
     * its last entry; otherwise replace our log with it. The Ready carrying it is persisted before our answer.
     */
    private void installSnapshot(InstallSnapshot m, Snapshot snap) {
        RaftLog log = node.log;
        long index = snap.metadata().index();
        if (index <= log.committed) {
            node.send(AppendResponse.success(node.groupId, node.id, m.from(), node.term, log.committed));
            return;
        }
        if (log.matchTerm(index, snap.metadata().term())) {
            log.commitTo(index);
            node.send(AppendResponse.success(node.groupId, node.id, m.from(), node.term, index));
            return;
        }
        node.restoreSnapshot(snap);
        node.send(AppendResponse.success(node.groupId, node.id, m.from(), node.term, log.lastIndex()));
    }
}
