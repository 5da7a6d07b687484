package io.synod.api.spi;

import io.synod.api.DistributedLock;
import io.synod.api.ClusterView;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodCluster;
import io.synod.api.SynodUnavailableException;

/** What the Synod node offers the resource adapter. Implemented by synod.war; never by applications. */
public interface SynodBackend {

    /** The node's live cluster view. */
    SynodCluster cluster();

    /** The replicated key-value store, served by this node (writes and linearizable reads reach the leader). */
    KeyValueStore keyValues();

    /** Named locks held by this node's session. */
    DistributedLock locks();

    /** The failure detector's view of the peers; a backend without a detector is unavailable here. */
    default ClusterView clusterView() {
        throw new SynodUnavailableException("this Synod node offers no failure detector view");
    }
}
