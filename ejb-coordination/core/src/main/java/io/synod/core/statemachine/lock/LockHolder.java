package io.synod.core.statemachine.lock;

import java.util.Objects;

/**
 * Who holds a lock: a lease of a session, with the fencing token of its grant (the log index of the entry that
 * granted it), how many times it holds it (only a reentrant lease goes above 1), and the leader time of the grant.
 */
public record LockHolder(String sessionId, String leaseId, long token, int holdCount, boolean reentrant,
                         long grantedAtMillis) {

    public LockHolder {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(leaseId, "leaseId");
        if (token < 1 || holdCount < 1 || (!reentrant && holdCount != 1) || grantedAtMillis < 0) {
            throw new IllegalArgumentException("need token >= 1, holdCount >= 1 (1 unless reentrant), time >= 0: "
                    + token + ", " + holdCount + ", " + reentrant + ", " + grantedAtMillis);
        }
    }

    LockHolder withHoldCount(int count) {
        return new LockHolder(sessionId, leaseId, token, count, reentrant, grantedAtMillis);
    }
}
