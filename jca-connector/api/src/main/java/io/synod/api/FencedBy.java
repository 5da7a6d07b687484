package io.synod.api;

import java.util.Objects;

/**
 * The fencing condition of a write: apply it only if no newer token than {@code token} was granted for
 * {@code lockName}. Checked in the replicated state machine, in log order with every grant, so a holder that was
 * paused past its session's TTL cannot overwrite what the next holder wrote.
 */
public record FencedBy(String lockName, long token) {

    public FencedBy {
        if (lockName == null || lockName.isEmpty()) {
            throw new InvalidLockNameException("fenced write needs a lock name");
        }
        if (token < 1) {
            throw new InvalidRequestException("fencing token must be >= 1, got " + token);
        }
    }

    /** @throws LeaseClosedException if the lease was closed (a closed lease fences nothing) */
    public static FencedBy lease(Lease lease) {
        if (lease == null) {
            throw new InvalidRequestException("lease must not be null");
        }
        if (lease.isClosed()) {
            throw new LeaseClosedException("lease of " + lease.lockName() + " is closed: it fences nothing");
        }
        return new FencedBy(lease.lockName(), lease.fencingToken());
    }
}
