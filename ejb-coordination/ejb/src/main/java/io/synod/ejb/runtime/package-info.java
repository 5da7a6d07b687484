/**
 * The node runtime: the core's Raft engine hosted with durable storage ({@code io.synod.core.log}), the TCP
 * transport ({@code io.synod.ejb.transport}) and the replicated services, as plain Java (no container needed),
 * so that the {@code @Singleton} node bean only has to pass managed threads in and the settings.
 * {@link io.synod.ejb.runtime.NodeRuntime} is the entry point.
 */
package io.synod.ejb.runtime;
