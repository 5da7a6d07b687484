package io.synod.core.consensus;

import java.util.Map;
import java.util.Optional;

/** A snapshot of a node's state for operators (console, ops API, metrics). Progress is non-empty only on a leader. */
public record NodeStatus(
        NodeId id,
        long groupId,
        Role role,
        long term,
        Optional<NodeId> leader,
        long commitIndex,
        long appliedIndex,
        long lastIndex,
        ConfState confState,
        Map<NodeId, PeerProgress> progress) {
}
