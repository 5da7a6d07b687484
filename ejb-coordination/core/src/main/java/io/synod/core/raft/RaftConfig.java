package io.synod.core.raft;

import io.synod.core.consensus.NodeId;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Static settings of one Raft node. Times are in ticks; the shell decides how long a tick is.
 *
 * @param id                 this member
 * @param groupId            the consensus group (0 = cluster metadata)
 * @param electionTicks      base election timeout; the randomized timeout is drawn from [electionTicks, 2*electionTicks)
 * @param heartbeatTicks     leader heartbeat interval; must be smaller than electionTicks
 * @param preVote            run the pre-vote phase (thesis §9.6) before a real election
 * @param checkQuorum        a leader that has not heard from a quorum within an election timeout steps down (§6.2)
 * @param maxSizePerMsg      soft byte limit of the entries carried by one AppendEntries
 * @param maxInflightMsgs    per-follower window of unacknowledged AppendEntries in replicate state
 * @param snapshotChunkBytes size of one InstallSnapshot chunk
 * @param bugs               test-only: deliberately wrong behaviours (empty in production)
 */
public record RaftConfig(
        NodeId id,
        long groupId,
        int electionTicks,
        int heartbeatTicks,
        boolean preVote,
        boolean checkQuorum,
        long maxSizePerMsg,
        int maxInflightMsgs,
        int snapshotChunkBytes,
        Set<InjectedBug> bugs) {

    public RaftConfig {
        Objects.requireNonNull(id, "id");
        if (groupId < 0) {
            throw new IllegalArgumentException("groupId must be >= 0, got " + groupId);
        }
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks, got heartbeat="
                    + heartbeatTicks + " election=" + electionTicks);
        }
        if (maxSizePerMsg < 1 || maxInflightMsgs < 1 || snapshotChunkBytes < 1) {
            throw new IllegalArgumentException("maxSizePerMsg, maxInflightMsgs and snapshotChunkBytes must be >= 1");
        }
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
    }

    /** Production defaults: pre-vote and check-quorum on, 10-tick elections, 1-tick heartbeats. */
    public static RaftConfig defaults(NodeId id, long groupId) {
        return new RaftConfig(id, groupId, 10, 1, true, true, 1 << 20, 256, 256 * 1024, Set.of());
    }

    public RaftConfig withBugs(Set<InjectedBug> injected) {
        return new RaftConfig(id, groupId, electionTicks, heartbeatTicks, preVote, checkQuorum, maxSizePerMsg,
                maxInflightMsgs, snapshotChunkBytes, injected);
    }

    public boolean has(InjectedBug bug) {
        return bugs.contains(bug);
    }
}
