/**
 * The application-facing locks ({@link io.synod.api.DistributedLock}) over the node's runtime: this node's
 * session kept alive by heartbeats, leases and their lost events, the {@code java.util.concurrent.locks.Lock} view,
 * the leader's expiry proposals for lapsed sessions and timed-out waiters, and the lock metrics.
 */
package io.synod.ejb.lock;
