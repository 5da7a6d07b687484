package io.synod.connector;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pooled "physical" connection. There is no socket behind it (the node is in the same JVM); it exists so
 * the container can pool, track and (with XA) enlist Synod work like any other resource.
 */
public class SynodManagedConnection implements ManagedConnection {

    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<SynodConnectionHandle> handles = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        SynodConnectionHandle handle = new SynodConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    /** Called by a handle on close: tells the container the managed connection can go back to the pool. */
    void handleClosed(SynodConnectionHandle handle) {
        if (!handles.remove(handle)) {
            return;
        }
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof SynodConnectionHandle handle)) {
            throw new ResourceException("not a Synod connection handle: " + connection);
        }
        handle.reassociate(this);
        handles.add(handle);
    }

    @Override
    public void cleanup() {
        for (SynodConnectionHandle handle : handles) {
            handle.invalidate();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        listeners.clear();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Synod connections do not take part in XA transactions yet");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("Synod connections have no local transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new SynodConnectionMetaData();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
