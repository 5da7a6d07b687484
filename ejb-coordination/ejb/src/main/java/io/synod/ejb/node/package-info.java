/** The node: one {@code @Singleton @Startup} bean per server instance that owns Synod's life on that instance. */
package io.synod.ejb.node;
