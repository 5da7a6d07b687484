package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;
import io.synod.core.statemachine.session.SessionEnd;
import io.synod.core.statemachine.session.SessionView;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated lock table. Every grant happens inside the apply of some entry and takes that entry's index as
 * its fencing token, so tokens increase strictly per lock across leaders and restarts. A grant re-checks, at that
 * moment, that the grantee's session is live and its wait has not run out; a waiter failing either is dropped,
 * never granted (etcd#11456 granted a lock to an expired lease).
 *
 * <p>Locks are remembered after release (their newest token is what fencing compares against), up to
 * {@link LockLimits#maxLocks()}. Sorted map and FIFO deques only. Not thread-safe.
 */
public final class LockTable implements LockView {

    private final LockLimits limits;
    private final SessionView sessions;
    private final TreeMap<String, LockEntry> locks = new TreeMap<>();

    public LockTable(LockLimits limits, SessionView sessions) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** Apply one command at log index {@code index}, leader time {@code nowMillis}. Never throws for bad input. */
    public LockResult apply(LockCommand command, long index, long nowMillis) {
        Objects.requireNonNull(command, "command");
        try {
            LockValidator.validate(command);
        } catch (CoordinationValidationException e) {
            return new LockResult.Rejected(LockViolation.of(e), e.getMessage());
        }
        if (command instanceof LockCommand.Acquire c) {
            return acquire(c, index, nowMillis);
        }
        if (command instanceof LockCommand.Release c) {
            return release(c, index, nowMillis);
        }
        if (command instanceof LockCommand.CheckFence c) {
            return new LockResult.Fence(checkFence(c.lockName(), c.token()));
        }
        return expireWaiters(index, nowMillis);
    }

    private LockResult acquire(LockCommand.Acquire c, long index, long nowMillis) {
        if (!sessions.isLive(c.sessionId(), nowMillis)) {
            return new LockResult.Rejected(LockViolation.SESSION_NOT_LIVE,
                    "session " + c.sessionId() + " is unknown or past its deadline");
        }
        LockEntry entry = locks.get(c.lockName());
        if (entry == null) {
            if (locks.size() >= limits.maxLocks()) {
                return new LockResult.Rejected(LockViolation.TOO_MANY_LOCKS,
                        "the table remembers the maximum of " + limits.maxLocks() + " locks");
            }
            entry = new LockEntry(c.lockName());
            locks.put(entry.name, entry);
            grant(entry, c.sessionId(), c.leaseId(), c.reentrant(), index, nowMillis);
            return granted(entry);
        }
        // Waiters ahead of this acquire come first, even if nothing has woken them yet (lock-delay just ended).
        settle(entry, index, nowMillis);
        LockHolder holder = entry.holder;
        if (holder != null && holder.leaseId().equals(c.leaseId())) {
            return reacquire(entry, c);
        }
        Optional<LockWaiter> waiting = entry.waiter(c.leaseId());
        if (waiting.isPresent()) {
            return waiting.get().sessionId().equals(c.sessionId())
                    ? new LockResult.Rejected(LockViolation.ALREADY_WAITING, "lease " + c.leaseId()
                            + " already waits for " + c.lockName())
                    : otherSession(c);
        }
        if (holder == null && !entry.isDelayedAt(nowMillis)) {
            // settle() emptied the queue, so no one is ahead.
            grant(entry, c.sessionId(), c.leaseId(), c.reentrant(), index, nowMillis);
            return granted(entry);
        }
        if (c.waitMillis() == 0) {
            return new LockResult.Busy(c.lockName());
        }
        if (entry.waiters.size() >= limits.maxWaitersPerLock()) {
            return new LockResult.Rejected(LockViolation.TOO_MANY_WAITERS, c.lockName() + " already has "
                    + limits.maxWaitersPerLock() + " waiters");
        }
        entry.waiters.addLast(new LockWaiter(c.sessionId(), c.leaseId(), c.reentrant(), nowMillis,
                saturatedAdd(nowMillis, c.waitMillis())));
        return new LockResult.Queued(c.lockName(), entry.waiters.size());
    }

    private LockResult reacquire(LockEntry entry, LockCommand.Acquire c) {
        LockHolder holder = entry.holder;
        if (!holder.sessionId().equals(c.sessionId())) {
            return otherSession(c);
        }
        if (!holder.reentrant() || holder.holdCount() == Integer.MAX_VALUE) {
            return new LockResult.Rejected(LockViolation.NOT_REENTRANT, "lease " + c.leaseId() + " already holds "
                    + c.lockName() + (holder.reentrant() ? " the maximum number of times" : " and is not reentrant"));
        }
        entry.holder = holder.withHoldCount(holder.holdCount() + 1);
        return granted(entry);
    }

    private static LockResult otherSession(LockCommand.Acquire c) {
        return new LockResult.Rejected(LockViolation.LEASE_OF_OTHER_SESSION, "lease " + c.leaseId() + " on "
                + c.lockName() + " belongs to another session than " + c.sessionId());
    }

    private LockResult release(LockCommand.Release c, long index, long nowMillis) {
        LockEntry entry = locks.get(c.lockName());
        if (entry != null && entry.holder != null && entry.holder.leaseId().equals(c.leaseId())) {
            int remaining = entry.holder.holdCount() - 1;
            if (remaining > 0) {
                entry.holder = entry.holder.withHoldCount(remaining);
                return new LockResult.Released(c.lockName(), remaining, Optional.empty());
            }
            entry.holder = null;
            return new LockResult.Released(c.lockName(), 0, settle(entry, index, nowMillis));
        }
        if (entry != null && entry.waiters.removeIf(w -> w.leaseId().equals(c.leaseId()))) {
            return new LockResult.WaitCancelled(c.lockName());
        }
        return new LockResult.Rejected(LockViolation.NOT_HOLDER,
                "lease " + c.leaseId() + " neither holds nor waits for " + c.lockName());
    }

    private LockResult expireWaiters(long index, long nowMillis) {
        int expired = 0;
        int granted = 0;
        for (LockEntry entry : locks.values()) {
            int before = entry.waiters.size();
            entry.waiters.removeIf(w -> !w.canBeGrantedAt(nowMillis) || !sessions.isLive(w.sessionId(), nowMillis));
            expired += before - entry.waiters.size();
            if (entry.holder == null && settle(entry, index, nowMillis).isPresent()) {
                granted++;
            }
        }
        return new LockResult.WaitersExpired(expired, granted);
    }

    /**
     * Called inside the apply of the entry that ended {@code end}'s session: its waits are dropped and its locks
     * released; a released lock goes to its next live waiter with the ending entry's index as token, unless the
     * session <em>expired</em> and a lock-delay is configured.
     */
    public void onSessionEnd(SessionEnd end) {
        String session = end.sessionId();
        long now = end.timeMillis();
        // A scan rather than a per-session index: session ends are rare next to acquires, and nothing can drift.
        for (LockEntry entry : locks.values()) {
            entry.waiters.removeIf(w -> w.sessionId().equals(session));
            if (entry.holder != null && entry.holder.sessionId().equals(session)) {
                entry.holder = null;
                if (end.cause() == SessionEnd.Cause.EXPIRED && limits.lockDelayMillis() > 0) {
                    entry.delayedUntil = saturatedAdd(now, limits.lockDelayMillis());
                }
                settle(entry, end.index(), now);
            }
        }
    }

    /**
     * If the lock is free and not delayed, hand it to the first waiter that can still take it, dropping those that
     * cannot. Returns the new holder, if any.
     */
    private Optional<LockHolder> settle(LockEntry entry, long index, long nowMillis) {
        if (entry.holder != null || entry.isDelayedAt(nowMillis)) {
            return Optional.empty();
        }
        entry.delayedUntil = 0;
        while (!entry.waiters.isEmpty()) {
            LockWaiter w = entry.waiters.pollFirst();
            if (w.canBeGrantedAt(nowMillis) && sessions.isLive(w.sessionId(), nowMillis)) {
                return Optional.of(grant(entry, w.sessionId(), w.leaseId(), w.reentrant(), index, nowMillis));
            }
        }
        return Optional.empty();
    }

    private static LockHolder grant(LockEntry entry, String sessionId, String leaseId, boolean reentrant,
                                    long index, long nowMillis) {
        if (index <= entry.newestToken) {
            // Two grants of one lock in one entry, or an index going backwards: a bug that would break fencing.
            throw new IllegalStateException("token " + index + " for " + entry.name + " is not above the newest "
                    + entry.newestToken);
        }
        entry.holder = new LockHolder(sessionId, leaseId, index, 1, reentrant, nowMillis);
        entry.newestToken = index;
        return entry.holder;
    }

    private static LockResult.Granted granted(LockEntry entry) {
        LockHolder h = entry.holder;
        return new LockResult.Granted(entry.name, h.token(), h.holdCount(), h.grantedAtMillis());
    }

    // ---- reads ----

    @Override
    public Optional<LockInfo> lock(String lockName) {
        return Optional.ofNullable(locks.get(lockName)).map(LockEntry::info);
    }

    @Override
    public List<LockInfo> locks() {
        return locks.values().stream().map(LockEntry::info).toList();
    }

    @Override
    public List<LockInfo> heldBy(String sessionId) {
        return locks.values().stream().filter(e -> e.holder != null && e.holder.sessionId().equals(sessionId))
                .map(LockEntry::info).toList();
    }

    @Override
    public FenceCheck checkFence(String lockName, long token) {
        LockEntry entry = locks.get(lockName);
        long newest = entry == null ? 0 : entry.newestToken;
        FenceCheck.Verdict verdict;
        if (token > newest || token < 1) {
            verdict = FenceCheck.Verdict.UNKNOWN;
        } else if (token < newest) {
            verdict = FenceCheck.Verdict.SUPERSEDED;
        } else {
            verdict = entry.holder != null && entry.holder.token() == token ? FenceCheck.Verdict.CURRENT
                    : FenceCheck.Verdict.RELEASED;
        }
        return new FenceCheck(lockName, token, newest, verdict);
    }

    @Override
    public int size() {
        return locks.size();
    }

    // ---- snapshot image ----

    List<LockInfo> image() {
        return locks();
    }

    void load(List<LockInfo> image) {
        locks.clear();
        image.forEach(info -> locks.put(info.name(), LockEntry.of(info)));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
