package io.synod.api.spi;

import io.synod.api.SynodUnavailableException;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place the running node is published to the resource adapter, like JDBC's DriverManager: one
 * node per server instance, registered at its start and withdrawn at its stop.
 */
public final class SynodBackendRegistry {

    private static final AtomicReference<SynodBackend> CURRENT = new AtomicReference<>();

    private SynodBackendRegistry() {
    }

    /**
     * Publish the node.
     *
     * @throws IllegalStateException when another node is already registered on this instance
     */
    public static void register(SynodBackend backend) {
        Objects.requireNonNull(backend, "backend");
        if (!CURRENT.compareAndSet(null, backend)) {
            throw new IllegalStateException("a Synod node is already running on this server instance");
        }
    }

    /** Withdraw {@code backend} if it is the registered one (a late stop never removes a newer node). */
    public static void unregister(SynodBackend backend) {
        CURRENT.compareAndSet(backend, null);
    }

    /**
     * The running node.
     *
     * @throws SynodUnavailableException when none is registered
     */
    public static SynodBackend current() {
        SynodBackend backend = CURRENT.get();
        if (backend == null) {
            throw new SynodUnavailableException("the Synod node is not running on this instance (synod.war not deployed or still starting)");
        }
        return backend;
    }
}
