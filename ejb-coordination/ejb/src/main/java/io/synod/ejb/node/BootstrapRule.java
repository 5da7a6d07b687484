package io.synod.ejb.node;

import io.synod.core.consensus.NodeId;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which nodes form the first voting configuration of a new cluster: once at least {@code bootstrapExpect}
 * members are visible, the {@code bootstrapExpect} smallest node ids (in {@link String} order) among them.
 *
 * <p>Every pristine member applies the same rule to its own view, so they agree as long as they see the same
 * members when they first reach the count, which holds when exactly the N intended instances are started
 * together for a new cluster. Its limit: if more than N pristine instances are up at that moment, or an
 * instance sees the count with a different set than another (one started much later), two members may record
 * different first configurations. Each still only ever counts votes from its own configuration, so this stalls
 * the odd one out rather than splitting the cluster when the N-set majorities overlap; operators should start
 * the N first members together and add others only after a leader exists.
 */
public final class BootstrapRule {

    private BootstrapRule() {
    }

    /** The first voters, or empty while fewer than {@code bootstrapExpect} members are visible. */
    public static Optional<Set<NodeId>> firstVoters(int bootstrapExpect, Collection<NodeId> visible) {
        if (bootstrapExpect < 1) {
            throw new IllegalArgumentException("bootstrapExpect must be >= 1, got " + bootstrapExpect);
        }
        TreeSet<String> sorted = visible.stream().map(NodeId::value).collect(Collectors.toCollection(TreeSet::new));
        if (sorted.size() < bootstrapExpect) {
            return Optional.empty();
        }
        return Optional.of(sorted.stream().limit(bootstrapExpect).map(NodeId::of)
                .collect(Collectors.toUnmodifiableSet()));
    }
}
