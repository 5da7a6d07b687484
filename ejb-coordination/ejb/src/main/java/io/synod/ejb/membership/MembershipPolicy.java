package io.synod.ejb.membership;

/**
 * How the leader grows the configuration.
 *
 * @param autoPromote    promote a caught-up learner to voter without an operator's request
 * @param catchUpEntries a learner whose match index is at most this far behind the leader's last index is caught up
 * @param steadyChecks   consecutive checks a learner must be caught up before it is promoted: one lucky
 *                       observation right after a burst is not "caught up", a learner that keeps pace is
 */
public record MembershipPolicy(boolean autoPromote, long catchUpEntries, int steadyChecks) {

    /** With the membership check running every 250 ms: caught up for about a second. */
    public static final int DEFAULT_STEADY_CHECKS = 4;

    public MembershipPolicy {
        if (catchUpEntries < 0) {
            throw new IllegalArgumentException("catchUpEntries must be >= 0, got " + catchUpEntries);
        }
        if (steadyChecks < 1) {
            throw new IllegalArgumentException("steadyChecks must be >= 1, got " + steadyChecks);
        }
    }
}
