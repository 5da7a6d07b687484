package io.synod.connector;

import io.synod.api.SynodConnection;
import io.synod.api.SynodConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.util.Set;

/** Creates the physical ("managed") connections the container pools, and the factory applications see. */
@ConnectionDefinition(
        connectionFactory = SynodConnectionFactory.class,
        connectionFactoryImpl = SynodConnectionFactoryImpl.class,
        connection = SynodConnection.class,
        connectionImpl = SynodConnectionHandle.class)
public class SynodManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new SynodConnectionFactoryImpl(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new jakarta.resource.NotSupportedException("Synod connections are container-managed only");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new SynodManagedConnection();
    }

    @Override
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        // Every Synod managed connection is interchangeable: there are no per-connection credentials.
        for (Object candidate : connections) {
            if (candidate instanceof SynodManagedConnection managed) {
                return managed;
            }
        }
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        resourceAdapter = adapter;
    }

    // No configuration properties: all factories are equal, as the spec's value equality requires.
    @Override
    public boolean equals(Object other) {
        return other instanceof SynodManagedConnectionFactory;
    }

    @Override
    public int hashCode() {
        return SynodManagedConnectionFactory.class.hashCode();
    }
}
