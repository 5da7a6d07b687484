package io.synod.core.statemachine.lock;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One lock as the console, the ops API and the snapshot see it: its holder, its FIFO waiters, the newest token
 * ever granted for it (kept after release, so fenced writes with older tokens stay rejectable), and the end of a
 * lock-delay in force.
 */
public record LockInfo(String name, Optional<LockHolder> holder, List<LockWaiter> waiters, long newestToken,
                       OptionalLong delayedUntilMillis) {

    public LockInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(delayedUntilMillis, "delayedUntilMillis");
        waiters = List.copyOf(waiters);
        if (newestToken < 1 || holder.map(h -> h.token() > newestToken).orElse(false)) {
            throw new IllegalArgumentException("newest token " + newestToken
                    + " must be >= 1 and >= the holder's token");
        }
    }
}
