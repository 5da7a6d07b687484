package io.synod.core.raft;

/**
 * Known-wrong behaviours the engine can be switched into, one at a time, so that the deterministic
 * simulation can prove it catches them ("teeth"). Never set outside tests: {@link RaftConfig#bugs()} is
 * empty by default and the shell never sets it.
 */
public enum InjectedBug {
    /** Grant a vote without recording it in the hard state, so a crash-restart forgets it (breaks §3.6 / persistence rule). */
    VOTE_NOT_PERSISTED,
    /** Advance the commit index over an entry of a previous term by counting replicas (Raft paper Fig. 8). */
    COMMIT_PREVIOUS_TERM_BY_COUNTING,
    /** Release a ReadIndex read without confirming leadership with a quorum (stale reads from a deposed leader). */
    READ_INDEX_WITHOUT_QUORUM_CHECK
}
