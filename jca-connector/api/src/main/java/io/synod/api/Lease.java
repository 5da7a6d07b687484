package io.synod.api;

import java.util.function.Consumer;

/**
 * One grant of a named lock to this instance's session. Thread-agnostic: close it from any thread, an async stage
 * or a virtual thread. {@link #close()} is idempotent; after it, fenced writes with this lease are refused by
 * {@link FencedBy#lease} with {@link LeaseClosedException}.
 */
public interface Lease extends AutoCloseable {

    String lockName();

    /** The log index that granted the lock: larger than every earlier holder's token of this lock. */
    long fencingToken();

    /**
     * Whether the lease is still believed held: not closed, not lost, and this instance heard back from the cluster
     * about its session within its TTL. A {@code false} is final. A {@code true} is a belief, not a guarantee:
     * guard writes with {@link FencedBy#lease} for that.
     */
    boolean isValid();

    /**
     * Run {@code listener} once when the lease is lost (session expired, lock revoked), also if that is only
     * noticed after a pause of this instance, and at once if it is already lost. Not called on {@link #close()}.
     * Runs on a Synod thread: keep it short.
     */
    void onLost(Consumer<LeaseLostEvent> listener);

    /** Whether {@link #close()} released it (a lost lease that was not closed answers {@code false}). */
    boolean isClosed();

    /** For a reentrant lease: one more hold, released by one more {@link #close()}. */
    void reacquire();

    /** Release one hold (the last one releases the lock). Idempotent once fully released. */
    @Override
    void close();
}
