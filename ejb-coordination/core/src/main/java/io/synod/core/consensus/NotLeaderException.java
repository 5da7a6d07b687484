package io.synod.core.consensus;

import java.util.Optional;

/** A leader-only operation reached a node that is not (or no longer) the leader. Carries a hint where to go. */
public final class NotLeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient Optional<NodeId> leaderHint;

    public NotLeaderException(NodeId self, Optional<NodeId> leaderHint) {
        super(self + " is not the leader" + leaderHint.map(l -> "; the leader is " + l).orElse("; no leader known"));
        this.leaderHint = leaderHint;
    }

    public Optional<NodeId> leaderHint() {
        return leaderHint;
    }
}
