package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Static settings of one Multi-Paxos node. Times are in ticks; the shell decides how long a tick is.
 *
 * @param id                 this member
 * @param groupId            the consensus group (0 = cluster metadata)
 * @param electionTicks      base election timeout; the randomized backoff is drawn from [electionTicks, 2*electionTicks)
 * @param heartbeatTicks     leader heartbeat (commit notification) interval; must be smaller than electionTicks
 * @param maxSizePerMsg      soft byte limit of the slots carried by one Accept (batching)
 * @param window             per-acceptor pipelining window: slots sent beyond the last acknowledged one
 * @param snapshotChunkBytes size of one snapshot chunk
 * @param bugs               test-only: deliberately wrong behaviours (empty in production)
 */
public record PaxosConfig(
        NodeId id,
        long groupId,
        int electionTicks,
        int heartbeatTicks,
        long maxSizePerMsg,
        int window,
        int snapshotChunkBytes,
        Set<PaxosInjectedBug> bugs) {

    public PaxosConfig {
        Objects.requireNonNull(id, "id");
        if (groupId < 0) {
            throw new IllegalArgumentException("groupId must be >= 0, got " + groupId);
        }
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks, got heartbeat="
                    + heartbeatTicks + " election=" + electionTicks);
        }
        if (maxSizePerMsg < 1 || window < 1 || snapshotChunkBytes < 1) {
            throw new IllegalArgumentException("maxSizePerMsg, window and snapshotChunkBytes must be >= 1");
        }
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
    }

    /** Production defaults: 10-tick elections, 1-tick heartbeats, 256-slot window. */
    public static PaxosConfig defaults(NodeId id, long groupId) {
        return new PaxosConfig(id, groupId, 10, 1, 1 << 20, 256, 256 * 1024, Set.of());
    }

    public PaxosConfig withBugs(Set<PaxosInjectedBug> injected) {
        return new PaxosConfig(id, groupId, electionTicks, heartbeatTicks, maxSizePerMsg, window,
                snapshotChunkBytes, injected);
    }

    public boolean has(PaxosInjectedBug bug) {
        return bugs.contains(bug);
    }
}
