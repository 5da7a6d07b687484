package io.synod.api.cdi;

import io.synod.api.DistributedLock;
import io.synod.api.Lease;
import io.synod.api.SynodConnection;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * The injectable {@link DistributedLock}: each call borrows a connection of the resource adapter to reach the
 * node's locks; the lease it returns belongs to the node's session and outlives the connection.
 */
final class ConnectorBackedDistributedLock implements DistributedLock {

    private final ConnectionSource connections;

    ConnectorBackedDistributedLock(ConnectionSource connections) {
        this.connections = connections;
    }

    @Override
    public Lease acquire(String name) {
        return through(locks -> locks.acquire(name));
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration wait) {
        return through(locks -> locks.tryAcquire(name, wait));
    }

    @Override
    public Lease acquireReentrant(String name) {
        return through(locks -> locks.acquireReentrant(name));
    }

    @Override
    public Lock asLock(String name) {
        return through(locks -> locks.asLock(name));
    }

    private <T> T through(Function<DistributedLock, T> call) {
        try (SynodConnection connection = connections.open()) {
            return call.apply(connection.locks());
        }
    }
}
