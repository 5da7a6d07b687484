package io.synod.core.raft;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.quorum.Majority;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The leader's progress for every member of the current configuration, voters and learners alike. */
final class ProgressTracker {

    private final NodeId self;
    private final int maxInflight;
    private final TreeMap<NodeId, Progress> progress = new TreeMap<>();
    private ConfState conf = ConfState.EMPTY;

    ProgressTracker(NodeId self, int maxInflight) {
        this.self = self;
        this.maxInflight = maxInflight;
    }

    /**
     * Adopt a configuration: members that are new start probing at {@code lastIndex + 1} and count as recently
     * active (so check-quorum does not fire before they had a chance to answer); removed members are dropped.
     */
    void applyConf(ConfState next, long lastIndex) {
        conf = next;
        progress.keySet().removeIf(id -> !next.contains(id));
        for (NodeId id : next.voters()) {
            progress.computeIfAbsent(id, k -> fresh(lastIndex, false)).learner = false;
        }
        for (NodeId id : next.learners()) {
            progress.computeIfAbsent(id, k -> fresh(lastIndex, true)).learner = true;
        }
    }

    private Progress fresh(long lastIndex, boolean learner) {
        Progress p = new Progress(lastIndex + 1, maxInflight, learner);
        p.recentActive = true;
        return p;
    }

    ConfState conf() {
        return conf;
    }

    Set<NodeId> voters() {
        return conf.voters();
    }

    Optional<Progress> get(NodeId id) {
        return Optional.ofNullable(progress.get(id));
    }

    /** Every member but this node, in id order (deterministic send order). */
    Set<NodeId> peers() {
        var peers = new TreeSet<>(progress.keySet());
        peers.remove(self);
        return peers;
    }

    Map<NodeId, Progress> all() {
        return Collections.unmodifiableMap(progress);
    }

    /** The highest index replicated on a majority of voters. */
    long quorumMatch() {
        return Majority.quorumValue(conf.voters(), id -> {
            Progress p = progress.get(id);
            return p == null ? 0 : p.match;
        });
    }

    /** §6.2 check-quorum: has a majority of voters (this node included) been heard from this round? */
    boolean quorumActive() {
        long active = Majority.quorumValue(conf.voters(), id -> {
            Progress p = progress.get(id);
            return id.equals(self) || (p != null && p.recentActive) ? 1 : 0;
        });
        return active == 1;
    }

    void resetRecentActive() {
        progress.forEach((id, p) -> p.recentActive = id.equals(self));
    }
}
