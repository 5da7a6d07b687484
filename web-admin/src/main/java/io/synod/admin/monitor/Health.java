package io.synod.admin.monitor;

/** One word for a member's state, as the overview shows it. */
public enum Health {
    /** In the configuration, reporting, a leader known and the applied index within the allowed lag. */
    HEALTHY,
    /** Reporting, but its applied index trails the leader's commit index by more than the allowed lag. */
    LAGGING,
    /** Reporting, but it knows no leader (an election is under way, or it is cut off). */
    NO_LEADER,
    /** Visible, but its Raft runtime is not running (not bootstrapped yet, passive, or halted). */
    NOT_RUNNING,
    /** Visible in discovery, but no report from it yet (it has just started). */
    STARTING,
    /** Gone from discovery, or silent for longer than the staleness bound: crashed, paused or cut off. */
    UNREACHABLE
}
