package io.synod.core.consensus;

/** What a member currently does in its group. */
public enum Role {
    FOLLOWER,
    /** Raft pre-vote phase (thesis §9.6): probing whether an election could be won without disturbing anyone. */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER,
    /** A non-voting member: receives the log, never campaigns, never counts for a quorum. */
    LEARNER
}
