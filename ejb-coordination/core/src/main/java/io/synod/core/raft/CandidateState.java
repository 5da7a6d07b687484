package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.Heartbeat;
import io.synod.core.raft.RaftMessage.InstallSnapshot;
import io.synod.core.raft.RaftMessage.RequestVote;
import io.synod.core.raft.RaftMessage.VoteResponse;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Candidate (§3.4) and pre-candidate (§9.6). A pre-candidate asks whether it could win in term+1 without
 * touching its term, so a partitioned server that keeps timing out never inflates terms and disrupts the
 * cluster when it returns. Only with a pre-vote majority does it become a real candidate.
 */
final class CandidateState implements RoleBehaviour {

    private final RaftNode node;
    private final boolean preVote;
    private final Map<NodeId, Boolean> votes = new TreeMap<>();

    CandidateState(RaftNode node, boolean preVote) {
        this.node = node;
        this.preVote = preVote;
    }

    /** The term this round is about: the current one for an election, the next one for a pre-vote. */
    private long campaignTerm() {
        return preVote ? node.term + 1 : node.term;
    }

    void start(boolean transfer) {
        // Vote for ourselves first: a single-voter group wins at once.
        if (record(node.id, true)) {
            return;
        }
        for (NodeId voter : node.membership.current().voters()) {
            if (!voter.equals(node.id)) {
                node.send(new RequestVote(node.groupId, node.id, voter, campaignTerm(), node.log.lastIndex(),
                        node.log.lastTerm(), preVote, transfer));
            }
        }
    }

    @Override
    public void tick() {
        node.tickElection();
    }

    @Override
    public void step(RaftMessage message) {
        if (message instanceof AppendEntries || message instanceof Heartbeat
                || message instanceof InstallSnapshot) {
            followLeader(message);
        } else if (message instanceof VoteResponse m && m.preVote() == preVote) {
            // A grant must be for this round's term; a stale grant from an earlier round is not a vote.
            if (!m.granted() || m.term() == campaignTerm()) {
                record(m.from(), m.granted());
            }
        }
        // TimeoutNow and stale responses mean nothing to a candidate.
    }

    /** A leader exists in our term (same term, since higher ones were handled by the node): follow it. */
    private void followLeader(RaftMessage m) {
        node.becomeFollower(m.term(), Optional.of(m.from()));
        node.behaviour.step(m);
    }

    /** Returns true when the round ended (won or lost). */
    private boolean record(NodeId voter, boolean granted) {
        votes.putIfAbsent(voter, granted);
        MajorityQuorum.VoteResult result = MajorityQuorum.voteResult(node.membership.current().voters(), votes);
        if (result == MajorityQuorum.VoteResult.WON) {
            if (preVote) {
                node.campaign(false, false);
            } else {
                node.becomeLeader();
            }
            return true;
        }
        if (result == MajorityQuorum.VoteResult.LOST) {
            node.becomeFollower(node.term, Optional.empty());
            return true;
        }
        return false;
    }
}
