package io.synod.api.spi;

import io.synod.api.SynodCluster;

/** What the Synod node offers the resource adapter. Implemented by synod.war; never by applications. */
public interface SynodBackend {

    /** The node's live cluster view. */
    SynodCluster cluster();
}
