package io.synod.api;

/**
 * A connection handle from the Synod resource adapter. Short-lived: obtain, use, close (try-with-resources),
 * exactly like a JDBC connection; inside a JTA transaction the container enlists it.
 * Most applications never see this type: the injectable beans open and close connections for them.
 */
public interface SynodConnection extends AutoCloseable {

    /** The cluster view, through this connection. */
    SynodCluster cluster();

    /** The replicated key-value store, through this connection. */
    KeyValueStore keyValues();

    /** Named locks of this instance's session, through this connection. */
    DistributedLock locks();

    /** Returns the handle to the container's pool. Idempotent. */
    @Override
    void close();
}
