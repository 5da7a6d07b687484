package io.synod.ejb.membership;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.ejb.runtime.RuntimeStatus;

import java.util.Optional;
import java.util.Set;

/**
 * Decides the leader's next membership change, one at a time:
 * <ol>
 *   <li>a learner that stayed caught up for {@link MembershipPolicy#steadyChecks} checks is promoted to voter,
 *       when {@link MembershipPolicy#autoPromote} allows;</li>
 *   <li>otherwise an instance waiting to join (and proven to hold the cluster secret) that is not in the
 *       configuration is added as a learner (Raft thesis §4.2.1: a new server catches up without a vote, so it
 *       cannot stall commits while it is empty).</li>
 * </ol>
 * Every decision is derived from the replicated configuration and the current leader's progress, so a new leader
 * takes over where the old one stopped: nothing is remembered across leaders but the log. Nothing is ever removed
 * here. Called from one thread at a time.
 */
public final class MembershipSteward {

    private final MembershipPolicy policy;
    private final CatchUpWatch watch = new CatchUpWatch();
    private long watchedTerm = -1;

    public MembershipSteward(MembershipPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param status   this node's status; nothing is proposed unless it is the leader
     * @param joiners  instances waiting to be added that proved the cluster secret to this node
     * @return the change to propose now, if any
     */
    public Optional<ConfChange> next(RuntimeStatus status, Set<NodeId> joiners) {
        if (!status.isLeader()) {
            watch.reset();
            watchedTerm = -1;
            return Optional.empty();
        }
        if (status.term() != watchedTerm) {
            watch.reset();
            watchedTerm = status.term();
        }
        ConfState conf = status.confState();
        watch.retain(conf.learners());
        for (NodeId learner : conf.learners()) {
            int steady = watch.observe(learner, Optional.ofNullable(status.progress().get(learner)),
                    status.lastIndex(), policy.catchUpEntries());
            if (policy.autoPromote() && steady >= policy.steadyChecks()) {
                return Optional.of(new ConfChange(ConfChange.Kind.ADD_VOTER, learner));
            }
        }
        return joiners.stream()
                .filter(j -> !conf.contains(j) && !j.equals(status.id()))
                .sorted()
                .findFirst()
                .map(j -> new ConfChange(ConfChange.Kind.ADD_LEARNER, j));
    }
}
