package io.synod.core.consensus;

/** How the leader confirms it is still leader before releasing a read index. */
public enum ReadMode {
    /** §6.4: one round of heartbeats acknowledged by a quorum after the read arrived. Safe under any clock drift. */
    SAFE,
    /**
     * §6.4.1: no round; relies on the leader lease (check-quorum contact within the election timeout).
     * Correct only while clocks drift less than the lease margin.
     */
    LEASE
}
