package io.synod.connector;

import io.synod.api.ClusterMember;
import io.synod.api.DistributedLock;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodCluster;
import io.synod.api.SynodConnection;
import io.synod.api.spi.SynodBackendRegistry;

import java.util.List;

/**
 * The handle an application holds. Every call goes to the node registered on this instance at the time of
 * the call, so a redeployed node is picked up without reopening connections.
 */
public class SynodConnectionHandle implements SynodConnection {

    private volatile SynodManagedConnection owner;
    private volatile boolean closed;

    SynodConnectionHandle(SynodManagedConnection owner) {
        this.owner = owner;
    }

    @Override
    public SynodCluster cluster() {
        ensureOpen();
        return new SynodCluster() {
            @Override
            public List<ClusterMember> members() {
                ensureOpen();
                return SynodBackendRegistry.current().cluster().members();
            }

            @Override
            public ClusterMember localMember() {
                ensureOpen();
                return SynodBackendRegistry.current().cluster().localMember();
            }
        };
    }

    /**
     * The node's store itself: its calls are asynchronous at heart and may outlive this handle, so the handle is
     * checked when the store is obtained, not on each call.
     */
    @Override
    public KeyValueStore keyValues() {
        ensureOpen();
        return SynodBackendRegistry.current().keyValues();
    }

    /** The node's locks: leases outlive the handle, like the store's stages. */
    @Override
    public DistributedLock locks() {
        ensureOpen();
        return SynodBackendRegistry.current().locks();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        owner.handleClosed(this);
    }

    void reassociate(SynodManagedConnection newOwner) {
        owner = newOwner;
    }

    /** The container cleaned up the managed connection under this handle: it may not be used any more. */
    void invalidate() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Synod connection is closed");
        }
    }
}
