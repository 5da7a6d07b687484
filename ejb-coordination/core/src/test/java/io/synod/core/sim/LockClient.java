package io.synod.core.sim;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.lock.LockCommand;
import io.synod.core.statemachine.lock.LockCommandCodec;
import io.synod.core.statemachine.lock.LockResult;
import io.synod.core.statemachine.lock.LockResultCodec;
import io.synod.core.statemachine.lock.LockViolation;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionCommandCodec;
import io.synod.core.statemachine.session.SessionResult;
import io.synod.core.statemachine.session.SessionResultCodec;

import java.util.List;
import java.util.Random;

/**
 * A lock user: opens a session, heartbeats it, acquires ({@code acquire} with a wait, then polls) or try-acquires
 * named locks, does fenced writes (a fence check through the log) with the token it believes it holds, releases,
 * closes its session now and then — and sometimes stops dead for longer than its session's TTL (a GC pause), then
 * carries on with a fenced write as if it still held the lock. What it believes is only what its answers told it;
 * the checks are the {@link LockOracle}'s, on the log.
 */
final class LockClient extends CoordinationClient {

    static final List<String> LOCKS = List.of("L0", "L1");
    static final long TTL = 40L * SimulatedClock.UNITS_PER_TICK;
    static final long HEARTBEAT = 10L * SimulatedClock.UNITS_PER_TICK;

    private record Intent(String what, String lock, boolean stale) {
        @Override
        public String toString() {
            return what + (lock == null ? "" : " " + lock);
        }
    }

    private String session;
    private int sessions;
    private long renewedAt;
    private final long[] token = new long[LOCKS.size()];
    private final boolean[] waiting = new boolean[LOCKS.size()];
    private final boolean[] mustRelease = new boolean[LOCKS.size()];
    private long pausedUntil;
    private boolean resumed;

    LockClient(int id, Random random, List<SimNode> nodes, CoordinationHub hub, SimTrace trace) {
        super("k" + id, random, nodes, hub, trace);
    }

    @Override
    protected void next(long now) {
        if (now < pausedUntil) {
            return;
        }
        if (session == null) {
            session = name + "-s" + ++sessions;
            send(ServiceId.SESSIONS, SessionCommandCodec.encode(new SessionCommand.Open(session, name, TTL)),
                    new Intent("open " + session, null, false), now);
            return;
        }
        int l = random.nextInt(LOCKS.size());
        if (resumed) {
            // Back from a pause: act on the lock it still believes it holds, before learning anything.
            resumed = false;
            for (int i = 0; i < token.length; i++) {
                if (token[i] > 0) {
                    fence(i, true, now);
                    return;
                }
            }
        }
        if (now - renewedAt >= HEARTBEAT) {
            send(ServiceId.SESSIONS, SessionCommandCodec.encode(new SessionCommand.KeepAlive(session)),
                    new Intent("keepalive", null, false), now);
            return;
        }
        int dice = random.nextInt(100);
        if (dice < 4) {
            pausedUntil = now + (TTL + random.nextInt((int) (3 * TTL)));
            resumed = true;
            hub.stats.clientPauses++;
            nextOpAt = pausedUntil;
            return;
        }
        if (dice < 7) {
            send(ServiceId.SESSIONS, SessionCommandCodec.encode(new SessionCommand.Close(session)),
                    new Intent("close", null, false), now);
            return;
        }
        String lock = LOCKS.get(l);
        if (mustRelease[l] || (token[l] > 0 && random.nextBoolean())) {
            send(ServiceId.LOCKS, LockCommandCodec.encode(new LockCommand.Release(lock, lease(l))),
                    new Intent("release", lock, false), now);
        } else if (token[l] > 0) {
            fence(l, false, now);
        } else {
            long wait = waiting[l] || random.nextBoolean() ? 0 : (5 + random.nextInt(60)) * SimulatedClock.UNITS_PER_TICK;
            if (waiting[l]) {
                wait = 60L * SimulatedClock.UNITS_PER_TICK; // poll: re-acquiring with a reentrant lease reports a grant
            }
            send(ServiceId.LOCKS, LockCommandCodec.encode(new LockCommand.Acquire(lock, session, lease(l), true, wait)),
                    new Intent(wait == 0 ? "tryAcquire" : "acquire", lock, false), now);
        }
    }

    private void fence(int l, boolean afterPause, long now) {
        String lock = LOCKS.get(l);
        send(ServiceId.LOCKS, LockCommandCodec.encode(new LockCommand.CheckFence(lock, token[l])),
                new Intent("fencedWrite#" + token[l], lock, afterPause), now);
    }

    private String lease(int l) {
        return session + "/" + LOCKS.get(l);
    }

    @Override
    protected void onAnswer(Pending p, byte[] result, long now) {
        Intent intent = (Intent) p.intent;
        try {
            if (p.service == ServiceId.SESSIONS) {
                onSession(p, SessionResultCodec.decode(result));
            } else {
                onLock(LOCKS.indexOf(intent.lock()), intent, LockResultCodec.decode(result));
            }
        } catch (CodecException e) {
            throw new InvariantViolation(name + ": undecodable answer: " + e.getMessage());
        }
    }

    private void onSession(Pending p, SessionResult r) {
        if (r instanceof SessionResult.Opened || r instanceof SessionResult.Renewed) {
            renewedAt = p.invoked; // the deadline counts from some time after the send, never before
        } else if (r instanceof SessionResult.Rejected rej
                && rej.violation() == io.synod.core.statemachine.session.SessionViolation.SESSION_EXISTS) {
            renewedAt = p.invoked;
        } else {
            lostSession(); // closed, lapsed, expired, not found
        }
    }

    private void onLock(int l, Intent intent, LockResult r) {
        if (r instanceof LockResult.Granted g) {
            token[l] = g.token();
            waiting[l] = false;
            mustRelease[l] = false;
        } else if (r instanceof LockResult.Queued) {
            waiting[l] = true;
        } else if (r instanceof LockResult.Released rel) {
            if (rel.holdCount() == 0) {
                token[l] = 0;
                mustRelease[l] = false;
            }
        } else if (r instanceof LockResult.WaitCancelled) {
            waiting[l] = false;
            mustRelease[l] = false;
        } else if (r instanceof LockResult.Fence f) {
            if (!f.check().accepted()) {
                token[l] = 0; // deposed: the resource refused the write
                if (intent.stale()) {
                    hub.stats.staleHolderWritesRefused++;
                }
            }
        } else if (r instanceof LockResult.Rejected rej) {
            if (rej.violation() == LockViolation.SESSION_NOT_LIVE) {
                lostSession();
            } else if (rej.violation() == LockViolation.ALREADY_WAITING) {
                waiting[l] = true;
            } else if (rej.violation() == LockViolation.NOT_HOLDER) {
                token[l] = 0;
                waiting[l] = false;
                mustRelease[l] = false;
            }
        }
    }

    private void lostSession() {
        session = null;
        java.util.Arrays.fill(token, 0);
        java.util.Arrays.fill(waiting, false);
        java.util.Arrays.fill(mustRelease, false);
    }

    @Override
    protected void onNoAnswer(Pending p, long now) {
        Intent intent = (Intent) p.intent;
        if (intent.lock() != null && intent.what().contains("cquire")) {
            mustRelease[LOCKS.indexOf(intent.lock())] = true; // perhaps granted or queued: release to stay live
        }
        if (intent.what().startsWith("open")) {
            session = null; // perhaps opened; a fresh id avoids SESSION_EXISTS confusion
        }
        if (intent.what().equals("close")) {
            lostSession();
        }
    }
}
