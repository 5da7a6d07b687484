package io.synod.admin.cluster;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;

import java.util.Optional;

/**
 * Whether a membership change fits this node's view of the configuration, checked before proposing so the
 * operator gets a clear reason instead of a dropped proposal (the leader's engine checks again).
 */
public final class ConfChangeFit {

    private ConfChangeFit() {
    }

    /** Why {@code kind} cannot apply to {@code target} under {@code conf}; empty when it fits. */
    public static Optional<String> misfit(ConfChange.Kind kind, NodeId target, ConfState conf) {
        return switch (kind) {
            case ADD_LEARNER -> conf.contains(target)
                    ? Optional.of(target + " is already " + (conf.voters().contains(target) ? "a voter" : "a learner"))
                    : Optional.empty();
            case ADD_VOTER -> conf.learners().contains(target) ? Optional.empty()
                    : Optional.of(target + " is not a learner" + (conf.voters().contains(target) ? " (already a voter)"
                    : "; add it as a learner first"));
            case REMOVE -> conf.contains(target) ? Optional.empty()
                    : Optional.of(target + " is not a member of the configuration");
        };
    }
}
