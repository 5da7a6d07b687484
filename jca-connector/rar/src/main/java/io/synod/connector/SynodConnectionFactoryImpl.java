package io.synod.connector;

import io.synod.api.SynodConnection;
import io.synod.api.SynodConnectionFactory;
import io.synod.api.SynodUnavailableException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;

/** The factory bound in JNDI: asks the container's connection manager (pooling, enlistment) for handles. */
public class SynodConnectionFactoryImpl implements SynodConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final SynodManagedConnectionFactory managedFactory;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    SynodConnectionFactoryImpl(SynodManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public SynodConnection getConnection() {
        try {
            return (SynodConnection) connectionManager.allocateConnection(managedFactory, null);
        } catch (ResourceException e) {
            throw new SynodUnavailableException("could not obtain a Synod connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
