package io.synod.connector;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.io.Serializable;
import java.util.logging.Logger;

/** The adapter itself: stateless, since the node it bridges to has its own life in synod.war. */
@Connector(
        displayName = "Synod",
        description = "Strongly consistent coordination for Jakarta EE applications",
        vendorName = "Synod",
        eisType = "Synod",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class SynodResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SynodResourceAdapter.class.getName());

    @Override
    public void start(BootstrapContext context) {
        LOG.info("Synod resource adapter started");
    }

    @Override
    public void stop() {
        LOG.info("Synod resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) {
        throw new UnsupportedOperationException("Synod has no inbound message endpoints");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // nothing was activated
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // The spec requires value equality; the adapter has no configuration, so all instances are equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof SynodResourceAdapter;
    }

    @Override
    public int hashCode() {
        return SynodResourceAdapter.class.hashCode();
    }
}
