package io.synod.core.consensus;

import java.util.Objects;
import java.util.Optional;

/**
 * What a node must have durably recorded before it answers anyone (the persistence rule): its current
 * term, whom it voted for in that term, and the highest index it knows committed.
 * For Multi-Paxos {@code term} is the promised ballot and {@code vote} the promised proposer.
 */
public record HardState(long term, Optional<NodeId> vote, long commit) {

    public static final HardState EMPTY = new HardState(0, Optional.empty(), 0);

    public HardState {
        if (term < 0 || commit < 0) {
            throw new IllegalArgumentException("term and commit must be >= 0: " + term + ", " + commit);
        }
        Objects.requireNonNull(vote, "vote");
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
