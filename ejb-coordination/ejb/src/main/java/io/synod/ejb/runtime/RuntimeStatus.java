package io.synod.ejb.runtime;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.PeerProgress;
import io.synod.core.consensus.Role;

import java.util.Map;
import java.util.Optional;

/**
 * What operators see of one runtime, refreshed by the event loop after every step (so it may be a step old).
 *
 * @param firstIndex    the first entry still in the log: a follower that needs an earlier one gets a snapshot
 * @param snapshotIndex index of the newest snapshot taken or installed here (0 = none)
 * @param progress      the leader's view of each peer's replication (match index, learner or not); empty on
 *                      any other role
 */
public record RuntimeStatus(NodeId id, Role role, long term, Optional<NodeId> leader, long commitIndex,
                            long appliedIndex, long firstIndex, long lastIndex, long snapshotIndex, ConfState confState,
                            boolean running, Map<NodeId, PeerProgress> progress) {

    public RuntimeStatus {
        progress = Map.copyOf(progress);
    }

    public boolean isLeader() {
        return running && role == Role.LEADER;
    }
}
