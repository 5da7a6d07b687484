package io.synod.core.statemachine.lock;

import java.util.Objects;

/**
 * The answer to "may a write fenced by {@code token} on {@code lockName} go ahead?". The rule at the resource is
 * the classic one: refuse a token once a newer one has been granted for the lock. {@code newestToken} is 0 for a
 * lock never granted.
 */
public record FenceCheck(String lockName, long token, long newestToken, Verdict verdict) {

    public enum Verdict {
        /** The token is the current holder's. */
        CURRENT,
        /** The newest token ever granted, but released since; no one has been granted a newer one. */
        RELEASED,
        /** A newer token has been granted: the write must be refused. */
        SUPERSEDED,
        /** Never granted for this lock (a forged or foreign token): refuse. */
        UNKNOWN
    }

    public FenceCheck {
        Objects.requireNonNull(lockName, "lockName");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Whether the fenced write may be applied: no newer token exists and this one was really granted. */
    public boolean accepted() {
        return verdict == Verdict.CURRENT || verdict == Verdict.RELEASED;
    }
}
