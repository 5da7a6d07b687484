package io.synod.api.cdi;

import io.synod.api.SynodConnection;
import io.synod.api.SynodConnectionFactory;
import io.synod.api.SynodUnavailableException;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the resource adapter's connection factory in global JNDI (once found, it is kept) and hands out
 * connections from it.
 */
final class ConnectionSource {

    private volatile SynodConnectionFactory factory;

    SynodConnection open() {
        return factory().getConnection();
    }

    private SynodConnectionFactory factory() {
        SynodConnectionFactory found = factory;
        if (found == null) {
            found = lookup();
            factory = found;
        }
        return found;
    }

    private static SynodConnectionFactory lookup() {
        try {
            return (SynodConnectionFactory) new InitialContext().lookup(SynodConnectionFactory.JNDI_NAME);
        } catch (NamingException | ClassCastException e) {
            throw new SynodUnavailableException("no Synod connection factory at " + SynodConnectionFactory.JNDI_NAME
                    + ": deploy synod-connector.rar and synod.war on this instance before the application", e);
        }
    }
}
