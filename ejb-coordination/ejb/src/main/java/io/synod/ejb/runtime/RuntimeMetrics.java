package io.synod.ejb.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain counters and gauges of one runtime, written by its event loop and storage writer, read by anyone
 * (the bean exports them through MicroProfile Metrics later).
 */
public final class RuntimeMetrics {

    private final AtomicLong term = new AtomicLong();
    private final AtomicLong commitIndex = new AtomicLong();
    private final AtomicLong appliedIndex = new AtomicLong();
    private final AtomicLong leaderChanges = new AtomicLong();
    private final AtomicLong snapshotsTaken = new AtomicLong();
    private final AtomicLong snapshotsInstalled = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong entriesSynced = new AtomicLong();
    private final LatencyHistogram proposalLatency = new LatencyHistogram();
    private final LatencyHistogram fsyncLatency = new LatencyHistogram();
    private final LatencyHistogram localWriteLatency = new LatencyHistogram();
    private final LatencyHistogram forwardedWriteLatency = new LatencyHistogram();
    private final AtomicLong requestRetries = new AtomicLong();

    void indexes(long term, long commit, long applied) {
        this.term.set(term);
        this.commitIndex.set(commit);
        this.appliedIndex.set(applied);
    }

    void leaderChanged() {
        leaderChanges.incrementAndGet();
    }

    void snapshotTaken() {
        snapshotsTaken.incrementAndGet();
    }

    void snapshotInstalled() {
        snapshotsInstalled.incrementAndGet();
    }

    void fsynced(long nanos, int entries) {
        fsyncs.incrementAndGet();
        entriesSynced.addAndGet(entries);
        fsyncLatency.record(nanos);
    }

    /** A write this node originated was answered applied, served by itself or by the leader it forwarded to. */
    void requestServed(long nanos, boolean forwarded) {
        (forwarded ? forwardedWriteLatency : localWriteLatency).record(nanos);
    }

    void requestRetried() {
        requestRetries.incrementAndGet();
    }

    public long term() {
        return term.get();
    }

    public long commitIndex() {
        return commitIndex.get();
    }

    public long appliedIndex() {
        return appliedIndex.get();
    }

    /** How often the known leader changed (including to "none"). */
    public long leaderChanges() {
        return leaderChanges.get();
    }

    public long snapshotsTaken() {
        return snapshotsTaken.get();
    }

    /** Snapshots received from a leader (InstallSnapshot) and installed into the state machine. */
    public long snapshotsInstalled() {
        return snapshotsInstalled.get();
    }

    public long fsyncs() {
        return fsyncs.get();
    }

    /** Log entries made durable by an fsync; divided by {@link #fsyncs()} it shows how much group commit saved. */
    public long entriesSynced() {
        return entriesSynced.get();
    }

    /** From taking a proposal on the leader to completing its future after apply. */
    public LatencyHistogram proposalLatency() {
        return proposalLatency;
    }

    public LatencyHistogram fsyncLatency() {
        return fsyncLatency;
    }

    /** Writes submitted here while this node led: from {@code submit} to the applied result. */
    public LatencyHistogram localWriteLatency() {
        return localWriteLatency;
    }

    /** Writes submitted here and forwarded to the leader: from {@code submit} to the leader's reply. */
    public LatencyHistogram forwardedWriteLatency() {
        return forwardedWriteLatency;
    }

    /** Attempts of reads and writes sent again (leader change, lost connection, unanswered, refused). */
    public long requestRetries() {
        return requestRetries.get();
    }
}
