package io.synod.ejb.runtime;

/** How fresh a read must be. */
public enum ReadConsistency {
    /** §6.4 ReadIndex, SAFE mode: one heartbeat round confirms leadership; correct under any clock drift. Leader only. */
    LINEARIZABLE,
    /** §6.4.1: trusts the leader lease instead of a heartbeat round; correct only while clocks drift less than the lease margin. Leader only. */
    LEASE,
    /** This member's applied state, on any member, without asking anyone: may be stale (BASE). */
    LOCAL
}
