package io.synod.api;

import java.util.List;

/**
 * The cluster as the local Synod node sees it. Injectable: {@code @Inject SynodCluster cluster;}.
 *
 * @throws SynodUnavailableException from every method when no Synod node runs on this instance
 */
public interface SynodCluster {

    /** Every live member that announced itself, sorted by node id; includes the local one. */
    List<ClusterMember> members();

    /** The member this instance's node runs as. */
    ClusterMember localMember();
}
