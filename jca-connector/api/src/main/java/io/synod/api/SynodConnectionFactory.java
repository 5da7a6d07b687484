package io.synod.api;

import jakarta.resource.Referenceable;

import java.io.Serializable;

/**
 * The resource adapter's connection factory, bound at {@link #JNDI_NAME} by synod.war.
 * Applications normally {@code @Inject} the Synod beans instead; look this up only to manage connections
 * yourself: {@code @Resource(lookup = SynodConnectionFactory.JNDI_NAME) SynodConnectionFactory factory;}.
 */
public interface SynodConnectionFactory extends Serializable, Referenceable {

    /** Global JNDI name of the connection factory every application on the instance can look up. */
    String JNDI_NAME = "java:global/synod/ConnectionFactory";

    /**
     * A connection from the container's pool.
     *
     * @throws SynodUnavailableException when the pool cannot hand one out
     */
    SynodConnection getConnection();
}
