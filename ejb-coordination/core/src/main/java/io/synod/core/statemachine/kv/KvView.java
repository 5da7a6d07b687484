package io.synod.core.statemachine.kv;

import java.util.Optional;

/**
 * The read side of the key-value store, what the shell serves reads from (after ReadIndex for linearizable
 * reads, directly for LOCAL ones). Deliberately without writes: state changes only through the log.
 */
public interface KvView {

    long revision();

    long compactRevision();

    /** The live value of {@code key} judged at {@code nowMillis}. @throws InvalidKeyException for an invalid key */
    Optional<KeyValue> get(String key, long nowMillis);

    /** One page of live keys under {@code prefix}. @throws InvalidScanException for out-of-bounds arguments */
    KvResult.Scan scan(String prefix, Optional<String> startAfter, int limit, long nowMillis);

    /** Changes from {@code fromRevision} on, or {@link WatchResult.Compacted} if some are gone. */
    WatchResult events(long fromRevision);

    /** One page of changes, about {@code maxEvents} long, never splitting a revision. */
    WatchResult events(long fromRevision, int maxEvents);
}
