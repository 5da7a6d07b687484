/**
 * The seam between the resource adapter and the Synod node: the node (synod.war) registers its
 * {@link io.synod.api.spi.SynodBackend} here when it starts; the adapter's connections delegate to it.
 * Not for applications. It lives in the API jar because that jar is loaded once, by the connector class
 * loader, and so is the one class loader both the adapter and the node share.
 */
package io.synod.api.spi;
