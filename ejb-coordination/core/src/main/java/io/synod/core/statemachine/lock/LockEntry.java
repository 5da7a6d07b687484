package io.synod.core.statemachine.lock;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The mutable state of one lock inside {@link LockTable}. {@code holder} is null when free; {@code delayedUntil}
 * is 0 when no lock-delay is in force (leader time is never negative, so "until 0" could delay nothing anyway).
 */
final class LockEntry {

    final String name;
    final ArrayDeque<LockWaiter> waiters = new ArrayDeque<>();
    LockHolder holder;
    long newestToken;
    long delayedUntil;

    LockEntry(String name) {
        this.name = name;
    }

    static LockEntry of(LockInfo info) {
        LockEntry e = new LockEntry(info.name());
        e.holder = info.holder().orElse(null);
        e.waiters.addAll(info.waiters());
        e.newestToken = info.newestToken();
        e.delayedUntil = info.delayedUntilMillis().orElse(0);
        return e;
    }

    LockInfo info() {
        return new LockInfo(name, Optional.ofNullable(holder), waiters.stream().toList(), newestToken,
                delayedUntil > 0 ? OptionalLong.of(delayedUntil) : OptionalLong.empty());
    }

    boolean isDelayedAt(long nowMillis) {
        return nowMillis < delayedUntil;
    }

    Optional<LockWaiter> waiter(String leaseId) {
        return waiters.stream().filter(w -> w.leaseId().equals(leaseId)).findFirst();
    }
}
