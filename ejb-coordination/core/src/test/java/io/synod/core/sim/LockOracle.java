package io.synod.core.sim;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.lock.FenceCheck;
import io.synod.core.statemachine.lock.LockCommand;
import io.synod.core.statemachine.lock.LockCommandCodec;
import io.synod.core.statemachine.lock.LockHolder;
import io.synod.core.statemachine.lock.LockInfo;
import io.synod.core.statemachine.lock.LockResult;
import io.synod.core.statemachine.lock.LockResultCodec;
import io.synod.core.statemachine.lock.LockView;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionCommandCodec;
import io.synod.core.statemachine.session.SessionResult;
import io.synod.core.statemachine.session.SessionResultCodec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fenced-lock specification, checked in linearization order. The replicated log is the linearization order of
 * the coordination services (every command, fence checks included, goes through it; {@link CoordinationHub} checks
 * that the order respects real time), so this oracle replays the session and lock commands in log order — each
 * index the first time any replica applies it — against its own shadow of sessions (deadlines in leader time) and
 * lock holders, and compares with what the real state machines did:
 * <ul>
 *   <li>mutual exclusion: a lock is granted only when no one holds it after this entry's own releases;</li>
 *   <li>a grant goes to a session that is live at the entry's leader time;</li>
 *   <li>the token is the granting entry's index and strictly above every earlier token of that lock (across
 *       leaders and restarts: the index is global);</li>
 *   <li>a holder disappears only through its release, or the close or leader-proposed expiry of its session;</li>
 *   <li>a fenced write (fence check through the log) is accepted exactly when its token is the newest granted, so a
 *       write by a deposed holder (paused past its session's deadline) is refused;</li>
 *   <li>session results (renewed, lapsed, expired) agree with the deadlines the oracle computes itself.</li>
 * </ul>
 * Grants made inside an entry (a waiter handed the lock on a release, a session end or a wait expiry) are seen as a
 * change of holder in the lock view after the entry.
 */
final class LockOracle {

    private record Shadow(String sessionId, String leaseId, long token) {
    }

    private final Map<String, long[]> sessions = new HashMap<>(); // id -> {ttl, deadline}
    private final Map<String, Shadow> holders = new HashMap<>();
    private final Map<String, Long> newest = new HashMap<>();
    private long lastIndex;
    final CoordinationStats stats;

    LockOracle(CoordinationStats stats) {
        this.stats = stats;
    }

    long lastIndex() {
        return lastIndex;
    }

    /** One applied coordination entry, in log order; {@code time} is the registry's clock after it. */
    void onApplied(long index, CommandEnvelope env, ApplyOutcome outcome, long time, LockView view) {
        if (index <= lastIndex) {
            throw new IllegalStateException("oracle fed out of order: " + index + " after " + lastIndex);
        }
        lastIndex = index;
        if (outcome instanceof ApplyOutcome.Applied a) {
            try {
                if (env.service() == ServiceId.SESSIONS) {
                    session(index, SessionCommandCodec.decode(env.payload()), SessionResultCodec.decode(a.result()), time);
                } else if (env.service() == ServiceId.LOCKS) {
                    lock(index, LockCommandCodec.decode(env.payload()), LockResultCodec.decode(a.result()), time);
                }
            } catch (CodecException e) {
                throw new InvariantViolation("entry " + index + ": undecodable command or result: " + e.getMessage());
            }
        }
        compareHolders(index, time, view);
    }

    private boolean live(String session, long time) {
        long[] s = sessions.get(session);
        return s != null && time < s[1];
    }

    private void session(long index, SessionCommand cmd, SessionResult result, long time) {
        if (cmd instanceof SessionCommand.Open o) {
            if (result instanceof SessionResult.Opened) {
                expect(!sessions.containsKey(o.sessionId()), index, "opened " + o.sessionId() + " twice");
                sessions.put(o.sessionId(), new long[] {o.ttlMillis(), time + o.ttlMillis()});
                stats.sessionsOpened++;
            }
        } else if (cmd instanceof SessionCommand.KeepAlive k) {
            String id = k.sessionId();
            if (result instanceof SessionResult.Renewed) {
                expect(live(id, time), index, "renewed " + id + " which is lapsed or gone at leader time " + time);
                long[] s = sessions.get(id);
                s[1] = Math.max(s[1], time + s[0]);
            } else if (result instanceof SessionResult.Lapsed) {
                expect(sessions.containsKey(id) && !live(id, time), index, "keep-alive of live " + id + " said lapsed");
                stats.keepAlivesLapsed++;
            } else if (result instanceof SessionResult.NotFound) {
                expect(!sessions.containsKey(id), index, "keep-alive of existing " + id + " said not found");
            }
        } else if (cmd instanceof SessionCommand.Close c) {
            String id = c.sessionId();
            if (result instanceof SessionResult.Closed) {
                expect(live(id, time), index, "closed " + id + " as live, but it is lapsed or gone at " + time);
                end(id);
            } else if (result instanceof SessionResult.Expired) {
                expect(sessions.containsKey(id) && !live(id, time), index, "close expired live " + id);
                end(id);
            }
        } else if (cmd instanceof SessionCommand.Expire e && result instanceof SessionResult.Expired r) {
            Set<String> expected = new TreeSet<>();
            for (String id : e.sessionIds()) {
                if (sessions.containsKey(id) && !live(id, time)) {
                    expected.add(id);
                }
            }
            expect(expected.equals(new TreeSet<>(r.sessionIds())), index, "leader expiry at " + time + " of "
                    + e.sessionIds() + " expired " + r.sessionIds() + ", deadlines say " + expected);
            for (String id : r.sessionIds()) {
                end(id);
                stats.sessionsExpired++;
            }
        }
    }

    private void end(String session) {
        sessions.remove(session);
        holders.values().removeIf(h -> h.sessionId().equals(session));
    }

    private void lock(long index, LockCommand cmd, LockResult result, long time) {
        if (cmd instanceof LockCommand.Release r) {
            Shadow h = holders.get(r.lockName());
            if (result instanceof LockResult.Released rel) {
                expect(h != null && h.leaseId().equals(r.leaseId()), index, "release of " + r.lockName() + " by "
                        + r.leaseId() + " succeeded but the holder is " + h);
                if (rel.holdCount() == 0) {
                    holders.remove(r.lockName());
                }
            } else if (result instanceof LockResult.Rejected) {
                expect(h == null || !h.leaseId().equals(r.leaseId()), index, "holder " + r.leaseId()
                        + " could not release " + r.lockName());
            }
        } else if (cmd instanceof LockCommand.Acquire a && result instanceof LockResult.Granted g) {
            expect(live(a.sessionId(), time), index, "granted " + a.lockName() + " to " + a.sessionId()
                    + " whose session is not live at leader time " + time);
        } else if (cmd instanceof LockCommand.CheckFence f && result instanceof LockResult.Fence fence) {
            long top = newest.getOrDefault(f.lockName(), 0L);
            Shadow h = holders.get(f.lockName());
            FenceCheck.Verdict expected = f.token() > top || f.token() < 1 ? FenceCheck.Verdict.UNKNOWN
                    : f.token() < top ? FenceCheck.Verdict.SUPERSEDED
                    : h != null && h.token() == f.token() ? FenceCheck.Verdict.CURRENT : FenceCheck.Verdict.RELEASED;
            expect(fence.check().verdict() == expected, index, "fenced write on " + f.lockName() + " with token "
                    + f.token() + " was " + fence.check().verdict() + ", expected " + expected + " (newest " + top + ")");
            if (fence.check().accepted()) {
                stats.fencedWritesAccepted++;
            } else {
                stats.fencedWritesRefused++;
            }
        }
    }

    /** Holders after the entry must be the shadow's, except for grants made by this very entry. */
    private void compareHolders(long index, long time, LockView view) {
        Set<String> seen = new HashSet<>();
        for (LockInfo info : view.locks()) {
            seen.add(info.name());
            Shadow s = holders.get(info.name());
            if (info.holder().isEmpty()) {
                expect(s == null, index, info.name() + " lost its holder " + s + " without a release or session end");
                continue;
            }
            LockHolder h = info.holder().get();
            if (s != null && s.token() == h.token()) {
                expect(s.leaseId().equals(h.leaseId()), index, info.name() + " changed lease under token " + h.token());
                continue;
            }
            expect(s == null, index, "mutual exclusion: " + info.name() + " granted to " + h.leaseId() + " (token "
                    + h.token() + ") while " + s + " still holds it");
            expect(h.token() == index, index, "token " + h.token() + " of " + info.name() + " is not the granting index");
            long top = newest.getOrDefault(info.name(), 0L);
            expect(h.token() > top, index, "token " + h.token() + " of " + info.name() + " not above " + top);
            expect(live(h.sessionId(), time), index, "granted " + info.name() + " to session " + h.sessionId()
                    + " which is not live at leader time " + time);
            holders.put(info.name(), new Shadow(h.sessionId(), h.leaseId(), h.token()));
            newest.put(info.name(), h.token());
            stats.grants++;
        }
        for (String name : List.copyOf(holders.keySet())) {
            expect(seen.contains(name), index, "lock " + name + " vanished from the table while held");
        }
    }

    private static void expect(boolean ok, long index, String what) {
        if (!ok) {
            throw new InvariantViolation("lock service at entry " + index + ": " + what);
        }
    }
}
