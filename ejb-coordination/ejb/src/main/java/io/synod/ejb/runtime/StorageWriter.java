package io.synod.ejb.runtime;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.HardState;
import io.synod.core.consensus.Ready;
import io.synod.core.log.DurableLogStorage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes the node's log directory. Jobs run in submission order; consecutive persist jobs
 * are group-committed: all their entries are written, then one fsync covers them all, then the newest hard
 * state is recorded (the core's rule: the hard state never points past the durable log). Completion is reported
 * through callbacks, which the runtime turns into tasks on its event loop.
 *
 * <p>A hard state whose term and vote are unchanged (only the commit index moved) is not rewritten at once: the
 * hard-state file is replaced atomically with two fsyncs (file and directory), and doing that on every commit
 * advance put them on every write's critical path, on every member. The persistence rule ({@code Ready.mustSync},
 * RAFT-NOTES) does not ask for it: a commit index is recoverable from a quorum, and both engines start from
 * {@code max(stored commit, snapshot index)}. Such a commit is recorded with the next term or vote change, at
 * most {@link #COMMIT_RECORD_INTERVAL_NANOS} after the previous record, and at close, so a restart replays little.
 *
 * <p>After an I/O failure the storage refuses further writes; every later job fails with that cause, and the
 * runtime halts (reopening the directory is how one learns what reached the disk).
 */
final class StorageWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StorageWriter.class.getName());

    private sealed interface Job {
        Consumer<Throwable> failed();
    }

    private record Persist(Ready ready, Runnable done, Consumer<Throwable> failed) implements Job {
    }

    private record TakeSnapshot(long index, ConfState confState, byte[] image, long keepEntries, Runnable done,
                                Consumer<Throwable> failed) implements Job {
    }

    /** How stale the recorded commit index may get while only the commit moves (a restart re-learns the rest). */
    static final long COMMIT_RECORD_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final GuardedLogStorage guarded;
    private final DurableLogStorage durable;
    private final RuntimeMetrics metrics;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    private Throwable failure;
    /** Newest hard state handed in but not yet recorded (it differs from the recorded one only in commit). */
    private Optional<HardState> unrecorded = Optional.empty();
    private long lastRecordNanos = System.nanoTime();

    StorageWriter(GuardedLogStorage guarded, RuntimeMetrics metrics, ThreadFactory threads) {
        this.guarded = guarded;
        this.durable = guarded.durable();
        this.metrics = metrics;
        this.thread = threads.newThread(this::run);
        thread.setName("synod-storage-" + thread.getName());
    }

    void start() {
        thread.start();
    }

    /** Make {@code ready}'s snapshot, entries and hard state durable (fsync if it must), then call {@code done}. */
    void persist(Ready ready, Runnable done, Consumer<Throwable> failed) {
        queue.add(new Persist(ready, done, failed));
    }

    /**
     * Record a snapshot of the state machine at {@code index} and compact the log behind it, keeping the last
     * {@code keepEntries} entries the snapshot covers: a follower only slightly behind still catches up by
     * AppendEntries; one further behind gets InstallSnapshot.
     */
    void snapshot(long index, ConfState confState, byte[] image, long keepEntries, Runnable done,
                  Consumer<Throwable> failed) {
        queue.add(new TakeSnapshot(index, confState, image, keepEntries, done, failed));
    }

    private void run() {
        List<Job> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                Job first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    recordStaleCommit();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
        if (unrecorded.isPresent() && failure == null) {
            runOrFail(List.of(), () -> write(unrecorded.get())); // a clean stop restarts where it stopped
        }
    }

    private void process(List<Job> batch) {
        int i = 0;
        while (i < batch.size()) {
            if (batch.get(i) instanceof TakeSnapshot snap) {
                runOrFail(List.of(snap), () -> takeSnapshot(snap));
                i++;
                continue;
            }
            List<Persist> group = new ArrayList<>();
            while (i < batch.size() && batch.get(i) instanceof Persist p) {
                group.add(p);
                i++;
            }
            runOrFail(group, () -> groupCommit(group));
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void runOrFail(List<? extends Job> jobs, IoAction action) {
        if (failure == null) {
            try {
                action.run();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.SEVERE, "Synod storage write failed; the node stops taking writes", e);
                failure = e;
            }
        }
        if (failure != null) {
            jobs.forEach(job -> job.failed().accept(failure));
        }
    }

    private void groupCommit(List<Persist> group) throws IOException {
        boolean mustSync = false;
        int entries = 0;
        Optional<HardState> newest = Optional.empty();
        for (Persist p : group) {
            Ready rd = p.ready();
            synchronized (guarded) {
                durable.persist(Optional.empty(), rd.entries(), rd.snapshot(), false);
            }
            mustSync |= rd.mustSync();
            entries += rd.entries().size();
            if (rd.hardState().isPresent()) {
                newest = rd.hardState();
            }
        }
        if (mustSync) {
            long start = System.nanoTime();
            durable.sync(); // touches only the WAL, which nothing else reads: no monitor needed
            metrics.fsynced(System.nanoTime() - start, entries);
        }
        if (newest.isPresent()) {
            record(newest.get());
        }
        group.forEach(p -> p.done().run());
    }

    /** Record {@code hard} now if its term or vote changed (the persistence rule) or the commit is stale enough. */
    private void record(HardState hard) throws IOException {
        HardState recorded;
        synchronized (guarded) {
            recorded = durable.hardState();
        }
        boolean termOrVote = hard.term() != recorded.term() || !hard.vote().equals(recorded.vote());
        if (!termOrVote && System.nanoTime() - lastRecordNanos < COMMIT_RECORD_INTERVAL_NANOS) {
            unrecorded = Optional.of(hard);
            return;
        }
        write(hard);
    }

    private void write(HardState hard) throws IOException {
        synchronized (guarded) {
            durable.persist(Optional.of(hard), List.of(), Optional.empty(), false);
        }
        unrecorded = Optional.empty();
        lastRecordNanos = System.nanoTime();
    }

    /** While idle: a commit left unrecorded for a while is written, so a restart does not replay more than that. */
    private void recordStaleCommit() {
        if (unrecorded.isPresent() && failure == null
                && System.nanoTime() - lastRecordNanos >= COMMIT_RECORD_INTERVAL_NANOS) {
            runOrFail(List.of(), () -> write(unrecorded.get()));
        }
    }

    private void takeSnapshot(TakeSnapshot job) throws IOException {
        synchronized (guarded) {
            durable.createSnapshot(job.index(), job.confState(), job.image());
            long compactTo = Math.max(durable.firstIndex() - 1, job.index() - job.keepEntries());
            durable.compact(compactTo);
        }
        job.done().run();
    }

    /** Finishes the queued jobs, then stops the thread (bounded wait). */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
