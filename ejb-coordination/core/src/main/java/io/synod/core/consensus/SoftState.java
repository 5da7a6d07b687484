package io.synod.core.consensus;

import java.util.Objects;
import java.util.Optional;

/** Volatile facts worth reporting when they change (not persisted): who leads and what this node is. */
public record SoftState(Optional<NodeId> leader, Role role) {

    public SoftState {
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(role, "role");
    }
}
