package io.synod.ejb.lock;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of this node's lock clients (and, on the leader, of its expiry proposals): what operators graph.
 * Thread-safe; read by the ops API and the metrics endpoint.
 */
public final class LockMetrics {

    private final LongAdder grants = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitTimeouts = new LongAdder();
    private final LongAdder waitMillis = new LongAdder();
    private final LongAdder releases = new LongAdder();
    private final LongAdder leasesLost = new LongAdder();
    private final LongAdder sessionsLost = new LongAdder();
    private final LongAdder sessionsExpired = new LongAdder();
    private final LongAdder fencedRejections = new LongAdder();

    /** A snapshot of the counters. */
    public record Counts(long grants, long waits, long waitTimeouts, long waitMillis, long releases, long leasesLost,
                         long sessionsLost, long sessionsExpired, long fencedRejections) {
    }

    void granted(long waitedMillis, boolean queued) {
        grants.increment();
        if (queued) {
            waits.increment();
            waitMillis.add(waitedMillis);
        }
    }

    void waitTimedOut() {
        waitTimeouts.increment();
    }

    void released() {
        releases.increment();
    }

    void leaseLost() {
        leasesLost.increment();
    }

    void sessionLost() {
        sessionsLost.increment();
    }

    void sessionsExpired(int count) {
        sessionsExpired.add(count);
    }

    public void fencedWriteRejected() {
        fencedRejections.increment();
    }

    public Counts counts() {
        return new Counts(grants.sum(), waits.sum(), waitTimeouts.sum(), waitMillis.sum(), releases.sum(),
                leasesLost.sum(), sessionsLost.sum(), sessionsExpired.sum(), fencedRejections.sum());
    }
}
