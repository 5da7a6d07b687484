/**
 * The Synod resource adapter: a connection factory whose connections delegate to the node that synod.war
 * registered in {@link io.synod.api.spi.SynodBackendRegistry}. Transaction support arrives with XA (2PC).
 */
package io.synod.connector;
