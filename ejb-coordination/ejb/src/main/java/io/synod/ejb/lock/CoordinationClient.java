package io.synod.ejb.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.lock.LockCommand;
import io.synod.core.statemachine.lock.LockCommandCodec;
import io.synod.core.statemachine.lock.LockResult;
import io.synod.core.statemachine.lock.LockResultCodec;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionCommandCodec;
import io.synod.core.statemachine.session.SessionResult;
import io.synod.core.statemachine.session.SessionResultCodec;
import io.synod.api.SynodUnavailableException;
import io.synod.ejb.kv.KvFailures;
import io.synod.ejb.runtime.NodeRuntime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Session and lock commands through the runtime (the leader, wherever it is; exactly once across retries),
 * waited for synchronously within the request timeout and failed with the API's typed exceptions.
 */
final class CoordinationClient {

    private final Supplier<Optional<NodeRuntime>> runtime;
    private final Duration timeout;

    CoordinationClient(Supplier<Optional<NodeRuntime>> runtime, Duration timeout) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    SessionResult session(SessionCommand command) {
        byte[] result = await(running().submit(ServiceId.SESSIONS, SessionCommandCodec.encode(command)));
        try {
            return SessionResultCodec.decode(result);
        } catch (CodecException e) {
            throw new IllegalStateException("undecodable session result: " + e.getMessage(), e);
        }
    }

    LockResult lock(LockCommand command) {
        byte[] result = await(running().submit(ServiceId.LOCKS, LockCommandCodec.encode(command)));
        try {
            return LockResultCodec.decode(result);
        } catch (CodecException e) {
            throw new IllegalStateException("undecodable lock result: " + e.getMessage(), e);
        }
    }

    CompletableFuture<byte[]> submitAsync(ServiceId service, byte[] payload) {
        return running().submit(service, payload);
    }

    /** The lock as this node last applied it (the grant of a queued lease shows up here). */
    Optional<io.synod.core.statemachine.lock.LockInfo> localLock(String name) {
        return await(running().lock(name));
    }

    NodeRuntime running() {
        return runtime.get().orElseThrow(() -> new SynodUnavailableException(
                "the Raft runtime is not running on this node yet (the cluster has not formed); nothing was changed"));
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (RuntimeException e) {
            throw KvFailures.translate(e, true);
        }
    }
}
