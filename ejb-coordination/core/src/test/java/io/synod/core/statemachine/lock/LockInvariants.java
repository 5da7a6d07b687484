package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.SessionView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lock service's safety properties, judged on one applied entry: the table before and after it, and what the
 * entry was. Returns the violations rather than throwing, so the checker itself can be tested on broken
 * transitions.
 *
 * <ul>
 *   <li>mutual exclusion in log order: a holder only ever stops holding because it released its last hold or its
 *       session ended in this entry — never because someone else was granted over it;</li>
 *   <li>tokens: a new grant's token is this entry's index and above every token the lock had before;</li>
 *   <li>grants go to live sessions only;</li>
 *   <li>FIFO: a waiter overtaken by a grant had a reason to leave the queue (its wait ran out, its session is not
 *       live, or it cancelled in this entry), and the queue keeps its order;</li>
 *   <li>a session that ended in this entry holds and waits for nothing.</li>
 * </ul>
 */
final class LockInvariants {

    /** What one entry did: its index and time, the release it carried (if any), the sessions it ended. */
    record Step(long index, long nowMillis, Optional<LockCommand.Release> release, Set<String> endedSessions) {
    }

    private LockInvariants() {
    }

    static List<String> violations(Map<String, LockInfo> before, Map<String, LockInfo> after, Step step,
                                   SessionView sessions) {
        List<String> out = new ArrayList<>();
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                out.add(name + ": forgotten (its newest token is needed for fencing)");
            }
        }
        for (LockInfo cur : after.values()) {
            LockInfo prev = before.get(cur.name());
            checkLock(prev, cur, step, sessions, out);
        }
        return out;
    }

    private static void checkLock(LockInfo prev, LockInfo cur, Step step, SessionView sessions, List<String> out) {
        String name = cur.name();
        long prevNewest = prev == null ? 0 : prev.newestToken();
        Optional<LockHolder> prevHolder = prev == null ? Optional.empty() : prev.holder();
        List<LockWaiter> prevQueue = prev == null ? List.of() : prev.waiters();
        if (cur.newestToken() < prevNewest) {
            out.add(name + ": newest token went back from " + prevNewest + " to " + cur.newestToken());
        }
        if (prevHolder.isPresent() && !sameGrant(prevHolder.get(), cur.holder())) {
            LockHolder h = prevHolder.get();
            boolean released = step.release().filter(r -> r.lockName().equals(name)
                    && r.leaseId().equals(h.leaseId())).isPresent() && h.holdCount() == 1;
            if (!released && !step.endedSessions().contains(h.sessionId())) {
                out.add(name + ": " + h.leaseId() + " lost the lock without releasing it or its session ending");
            }
        }
        if (cur.holder().isPresent() && (prevHolder.isEmpty() || !sameGrant(prevHolder.get(), cur.holder()))) {
            checkNewGrant(name, cur.holder().get(), prevNewest, prevQueue, cur, step, sessions, out);
        } else if (cur.holder().isPresent()) {
            int delta = cur.holder().get().holdCount() - prevHolder.get().holdCount();
            if (Math.abs(delta) > 1) {
                out.add(name + ": hold count jumped by " + delta);
            }
        }
        checkQueueOrder(name, prevQueue, cur.waiters(), out);
        for (String ended : step.endedSessions()) {
            if (cur.holder().map(h -> h.sessionId().equals(ended)).orElse(false)
                    || cur.waiters().stream().anyMatch(w -> w.sessionId().equals(ended))) {
                out.add(name + ": still held or awaited by ended session " + ended);
            }
        }
        cur.holder().ifPresent(h -> {
            if (cur.waiters().stream().anyMatch(w -> w.leaseId().equals(h.leaseId()))) {
                out.add(name + ": " + h.leaseId() + " both holds and waits");
            }
        });
    }

    private static boolean sameGrant(LockHolder h, Optional<LockHolder> cur) {
        return cur.isPresent() && cur.get().token() == h.token() && cur.get().leaseId().equals(h.leaseId())
                && cur.get().sessionId().equals(h.sessionId());
    }

    private static void checkNewGrant(String name, LockHolder h, long prevNewest, List<LockWaiter> prevQueue,
                                      LockInfo cur, Step step, SessionView sessions, List<String> out) {
        if (h.token() != step.index()) {
            out.add(name + ": granted with token " + h.token() + " by entry " + step.index());
        }
        if (h.token() <= prevNewest) {
            out.add(name + ": token " + h.token() + " not above the previous newest " + prevNewest);
        }
        if (h.holdCount() != 1 || h.grantedAtMillis() != step.nowMillis()) {
            out.add(name + ": a fresh grant must hold once, stamped now: " + h);
        }
        if (!sessions.isLive(h.sessionId(), step.nowMillis())) {
            out.add(name + ": granted to " + h.sessionId() + ", whose session is not live");
        }
        for (LockWaiter w : prevQueue) {
            if (w.leaseId().equals(h.leaseId())) {
                break;
            }
            boolean cancelled = step.release().filter(r -> r.lockName().equals(name)
                    && r.leaseId().equals(w.leaseId())).isPresent();
            boolean mayLeave = !w.canBeGrantedAt(step.nowMillis()) || !sessions.isLive(w.sessionId(), step.nowMillis())
                    || cancelled;
            if (!mayLeave || cur.waiters().contains(w)) {
                out.add(name + ": " + h.leaseId() + " was granted ahead of waiter " + w.leaseId());
            }
        }
    }

    /** Survivors keep their order; at most one newcomer, at the tail. */
    private static void checkQueueOrder(String name, List<LockWaiter> prev, List<LockWaiter> cur,
                                        List<String> out) {
        int at = 0;
        for (int i = 0; i < cur.size(); i++) {
            LockWaiter w = cur.get(i);
            int found = prev.subList(at, prev.size()).indexOf(w);
            if (found >= 0) {
                at += found + 1;
            } else if (i != cur.size() - 1 || prev.contains(w)) {
                out.add(name + ": queue reordered or joined in the middle at " + w.leaseId());
            }
        }
    }
}
