package io.synod.api;

/** How fresh a read must be. */
public enum Consistency {
    /**
     * The default: the read sees every write acknowledged before it started, whichever member serves it (the
     * leader confirms its leadership with a heartbeat round first, Raft's ReadIndex). Correct under any clock drift.
     */
    LINEARIZABLE,
    /**
     * Like {@link #LINEARIZABLE} but trusting the leader's lease instead of a heartbeat round: one round trip
     * cheaper, correct only while the members' clocks drift less than the lease margin.
     */
    LEASE,
    /**
     * This member's own copy, without asking anyone: the cheapest read, available even without a leader, but
     * <b>possibly stale</b> — it may miss recent writes, including the caller's own write made through another
     * member a moment ago.
     */
    LOCAL
}
