package io.synod.core.consensus;

import java.util.Objects;

/**
 * A single-server membership change (thesis §4.1): one at a time, effective from the moment it is
 * appended to a node's log, not when committed.
 */
public record ConfChange(Kind kind, NodeId node) {

    public enum Kind {
        /** Add a non-voting member that receives the log (catch up first, promote later). */
        ADD_LEARNER,
        /** Add a voter directly, or promote an existing learner to voter. */
        ADD_VOTER,
        /** Remove a voter or learner. */
        REMOVE
    }

    public ConfChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
    }

    /** The configuration after applying this change to {@code before}. */
    public ConfState applyTo(ConfState before) {
        var voters = new java.util.TreeSet<>(before.voters());
        var learners = new java.util.TreeSet<>(before.learners());
        switch (kind) {
            case ADD_LEARNER -> {
                if (voters.contains(node)) {
                    throw new IllegalArgumentException(node + " is already a voter; cannot demote by ADD_LEARNER");
                }
                learners.add(node);
            }
            case ADD_VOTER -> {
                learners.remove(node);
                voters.add(node);
            }
            case REMOVE -> {
                voters.remove(node);
                learners.remove(node);
            }
        }
        return new ConfState(voters, learners);
    }
}
