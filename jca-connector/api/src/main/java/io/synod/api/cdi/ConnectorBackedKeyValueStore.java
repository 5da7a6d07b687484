package io.synod.api.cdi;

import io.synod.api.CasResult;
import io.synod.api.Consistency;
import io.synod.api.FencedBy;
import io.synod.api.KeyValue;
import io.synod.api.KeyValueStore;
import io.synod.api.ScanPage;
import io.synod.api.SynodConnection;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The injectable {@link KeyValueStore}: each call borrows a pooled connection of the resource adapter for as long
 * as it takes to hand the request to the node; the answer arrives on the returned stage.
 */
final class ConnectorBackedKeyValueStore implements KeyValueStore {

    private final ConnectionSource connections;

    ConnectorBackedKeyValueStore(ConnectionSource connections) {
        this.connections = connections;
    }

    @Override
    public CompletionStage<Optional<KeyValue>> getAsync(String key, Consistency consistency) {
        return through(store -> store.getAsync(key, consistency));
    }

    @Override
    public CompletionStage<Long> putAsync(String key, byte[] value, Optional<Duration> ttl) {
        return through(store -> store.putAsync(key, value, ttl));
    }

    @Override
    public CompletionStage<Long> putAsync(String key, byte[] value, FencedBy fence) {
        return through(store -> store.putAsync(key, value, fence));
    }

    @Override
    public CompletionStage<CasResult> putIfAbsentAsync(String key, byte[] value, Optional<Duration> ttl) {
        return through(store -> store.putIfAbsentAsync(key, value, ttl));
    }

    @Override
    public CompletionStage<CasResult> compareAndSetAsync(String key, long expectedRevision, byte[] value,
                                                         Optional<Duration> ttl) {
        return through(store -> store.compareAndSetAsync(key, expectedRevision, value, ttl));
    }

    @Override
    public CompletionStage<Boolean> deleteAsync(String key) {
        return through(store -> store.deleteAsync(key));
    }

    @Override
    public CompletionStage<CasResult> compareAndDeleteAsync(String key, long expectedRevision) {
        return through(store -> store.compareAndDeleteAsync(key, expectedRevision));
    }

    @Override
    public CompletionStage<ScanPage> scanAsync(String prefix, int limit) {
        return through(store -> store.scanAsync(prefix, limit));
    }

    /** A failure to reach the node (no adapter, node not running) arrives on the stage like any other. */
    private <T> CompletionStage<T> through(Function<KeyValueStore, CompletionStage<T>> call) {
        try (SynodConnection connection = connections.open()) {
            return call.apply(connection.keyValues());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
