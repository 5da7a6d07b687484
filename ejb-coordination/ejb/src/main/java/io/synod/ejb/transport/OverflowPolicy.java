package io.synod.ejb.transport;

/**
 * What a full per-peer outbound queue gives up. Raft tolerates loss (retransmission is driven by the leader's
 * progress tracking), so dropping is always safe; the choice only affects which message is retried later.
 */
public enum OverflowPolicy {
    /** Keep the newest: a stale heartbeat or append is worth less than the latest (default). */
    DROP_OLDEST,
    /** Keep what was queued first, refuse the new message. */
    DROP_NEWEST
}
