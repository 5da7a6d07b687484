package io.synod.ejb.membership;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.PeerProgress;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts, per learner, how many membership checks in a row found it caught up with the leader. A check that finds
 * it behind (or not tracked) starts the count again. Used by one thread at a time (the membership check).
 */
final class CatchUpWatch {

    private final Map<NodeId, Integer> steady = new HashMap<>();

    /** Record one check of {@code learner} and return for how many checks in a row it has been caught up. */
    int observe(NodeId learner, Optional<PeerProgress> progress, long leaderLastIndex, long catchUpEntries) {
        boolean caughtUp = progress.map(p -> p.match() >= leaderLastIndex - catchUpEntries).orElse(false);
        int count = caughtUp ? steady.getOrDefault(learner, 0) + 1 : 0;
        steady.put(learner, count);
        return count;
    }

    /** Forget everything: the progress we counted was another leader's, or this node's from an older term. */
    void reset() {
        steady.clear();
    }

    /** Forget learners that are no longer learners. */
    void retain(java.util.Set<NodeId> learners) {
        steady.keySet().retainAll(learners);
    }
}
