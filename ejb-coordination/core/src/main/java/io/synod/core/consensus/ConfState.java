package io.synod.core.consensus;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A group's membership: voters decide, learners only receive the log. Disjoint sets. */
public record ConfState(Set<NodeId> voters, Set<NodeId> learners) {

    public static final ConfState EMPTY = new ConfState(Set.of(), Set.of());

    public ConfState {
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSortedSet(new TreeSet<>(learners));
        for (NodeId learner : learners) {
            if (voters.contains(learner)) {
                throw new IllegalArgumentException(learner + " cannot be both voter and learner");
            }
        }
    }

    public static ConfState ofVoters(Set<NodeId> voters) {
        return new ConfState(voters, Set.of());
    }

    public boolean contains(NodeId id) {
        return voters.contains(id) || learners.contains(id);
    }

    /** Quorum size of the voters: a strict majority. */
    public int quorum() {
        return voters.size() / 2 + 1;
    }
}
