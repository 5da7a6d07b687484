package io.synod.api.spi;

import io.synod.api.DistributedLock;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodCluster;

/** What the Synod node offers the resource adapter. Implemented by synod.war; never by applications. */
public interface SynodBackend {

    /** The node's live cluster view. */
    SynodCluster cluster();

    /** The replicated key-value store, served by this node (writes and linearizable reads reach the leader). */
    KeyValueStore keyValues();

    /** Named locks held by this node's session. */
    DistributedLock locks();
}
