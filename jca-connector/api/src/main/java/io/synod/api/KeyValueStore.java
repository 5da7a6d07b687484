package io.synod.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The cluster's replicated key-value store, etcd-style: every write gets the next global revision, keys can carry a
 * time-to-live, and conditional writes compare a key's mod revision. Injectable:
 *
 * <pre>{@code
 * @Inject KeyValueStore store;
 *
 * long rev = store.put("cfg/x", bytes);
 * Optional<KeyValue> kv = store.get("cfg/x");                        // linearizable
 * CasResult cas = store.compareAndSet("cfg/x", rev, newBytes);      // cas.succeeded() == false on a conflict
 * }</pre>
 *
 * <p>Any member can be called: writes and linearizable reads go to the leader. Keys are 1..{@code
 * synod.kv.max-key-bytes} (default 1 KiB) of UTF-8, values up to {@code synod.kv.max-value-bytes} (default 1 MiB);
 * a bad request fails with an {@link InvalidRequestException} before anything is proposed.
 *
 * <p>Errors (all unchecked {@link SynodException}s): {@link InvalidKeyException}, {@link ValueTooLargeException},
 * {@link InvalidRequestException} (nothing changed); {@link SynodUnavailableException} (no leader reachable or the
 * node not running; nothing changed, retry later); {@link IndeterminateOutcomeException} (a write may or may not
 * have been applied: read before retrying). A failed condition is not an exception: see {@link CasResult}.
 *
 * <p>The {@code ...Async} methods are the primitive ones; the synchronous ones wait for them (the node bounds
 * every request, so they never wait forever) and rethrow their failure as is.
 */
public interface KeyValueStore {

    // ------------------------------------------------------------------ asynchronous primitives

    CompletionStage<Optional<KeyValue>> getAsync(String key, Consistency consistency);

    /** @param ttl when present, the key disappears this long after the write (whole milliseconds, at least 1 ms) */
    CompletionStage<Long> putAsync(String key, byte[] value, Optional<Duration> ttl);

    /**
     * Write {@code value} only if no newer fencing token than {@code fence}'s has been granted for its lock; checked
     * in the replicated state machine in log order, so it is atomic with every grant. Fails with
     * {@link FencingRejectedException} otherwise (nothing written).
     */
    CompletionStage<Long> putAsync(String key, byte[] value, FencedBy fence);

    CompletionStage<CasResult> putIfAbsentAsync(String key, byte[] value, Optional<Duration> ttl);

    /** @param expectedRevision the key's mod revision to compare with; 0 means "the key must be absent" */
    CompletionStage<CasResult> compareAndSetAsync(String key, long expectedRevision, byte[] value,
                                                  Optional<Duration> ttl);

    /** Completes with whether a live key was deleted. */
    CompletionStage<Boolean> deleteAsync(String key);

    /** Delete only if the key's mod revision is {@code expectedRevision} (at least 1). */
    CompletionStage<CasResult> compareAndDeleteAsync(String key, long expectedRevision);

    /** Live keys starting with {@code prefix} ("" = all) in key order, at most {@code limit}; always linearizable. */
    CompletionStage<ScanPage> scanAsync(String prefix, int limit);

    // ------------------------------------------------------------------ synchronous forms

    /** A linearizable read. */
    default Optional<KeyValue> get(String key) {
        return get(key, Consistency.LINEARIZABLE);
    }

    /** A read as fresh as {@code consistency} asks; {@link Consistency#LOCAL} may be stale. */
    default Optional<KeyValue> get(String key, Consistency consistency) {
        return await(getAsync(key, consistency));
    }

    /** Create or replace {@code key}; returns the write's revision (the key's new mod revision). */
    default long put(String key, byte[] value) {
        return await(putAsync(key, value, Optional.empty()));
    }

    /** Create or replace {@code key}, which disappears {@code ttl} after the write. */
    default long put(String key, byte[] value, Duration ttl) {
        return await(putAsync(key, value, ttl(ttl)));
    }

    /** Create {@code key} only if it is absent; {@link CasResult#succeeded()} is false when it existed. */
    /** A fenced write: {@link FencingRejectedException} when a newer holder of the lock exists. */
    default long put(String key, byte[] value, FencedBy fence) {
        return await(putAsync(key, value, fence));
    }

    default CasResult putIfAbsent(String key, byte[] value) {
        return await(putIfAbsentAsync(key, value, Optional.empty()));
    }

    default CasResult putIfAbsent(String key, byte[] value, Duration ttl) {
        return await(putIfAbsentAsync(key, value, ttl(ttl)));
    }

    /**
     * Replace {@code key} only if its mod revision is still {@code expectedRevision} (0: only if absent); on a
     * conflict nothing is written and {@link CasResult#current()} holds what was found.
     */
    default CasResult compareAndSet(String key, long expectedRevision, byte[] value) {
        return await(compareAndSetAsync(key, expectedRevision, value, Optional.empty()));
    }

    default CasResult compareAndSet(String key, long expectedRevision, byte[] value, Duration ttl) {
        return await(compareAndSetAsync(key, expectedRevision, value, ttl(ttl)));
    }

    /** Returns whether a live key was deleted. */
    default boolean delete(String key) {
        return await(deleteAsync(key));
    }

    default CasResult compareAndDelete(String key, long expectedRevision) {
        return await(compareAndDeleteAsync(key, expectedRevision));
    }

    default ScanPage scan(String prefix, int limit) {
        return await(scanAsync(prefix, limit));
    }

    /** A TTL overload called with {@code null}: refused like any bad input rather than read as "no TTL". */
    private static Optional<Duration> ttl(Duration ttl) {
        if (ttl == null) {
            throw new InvalidRequestException("ttl must not be null (the overload without a ttl writes a key that does not expire)");
        }
        return Optional.of(ttl);
    }

    /** Waits for {@code stage} and rethrows its failure unwrapped (a {@link SynodException} stays one). */
    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SynodException("key-value request failed: " + cause, cause);
        }
    }
}
