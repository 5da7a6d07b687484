package io.synod.ejb.kv;

import io.synod.api.CasResult;
import io.synod.api.Consistency;
import io.synod.api.FencedBy;
import io.synod.api.FencingRejectedException;
import io.synod.api.InvalidKeyException;
import io.synod.api.InvalidRequestException;
import io.synod.api.KeyValue;
import io.synod.api.KeyValueStore;
import io.synod.api.ScanPage;
import io.synod.api.SynodUnavailableException;
import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvResultCodec;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvValidator;
import io.synod.core.statemachine.kv.Ttl;
import io.synod.ejb.lock.LockNames;
import io.synod.ejb.runtime.FencedWrite;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.ReadConsistency;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The key-value store served by this node's Raft runtime: what {@code @Inject KeyValueStore} and the ops API reach.
 *
 * <p>Every request is checked here against the configured limits first, so a bad one fails with a typed
 * {@link InvalidRequestException} before anything is proposed (and even while the runtime is not running yet).
 * Every answer is bounded by the request timeout, and is delivered on {@code callbacks}, never on the runtime's
 * event-loop thread: an application's continuation must not be able to stall consensus.
 */
public final class RuntimeKeyValueStore implements KeyValueStore {

    private final Supplier<Optional<NodeRuntime>> runtime;
    private final KvValidator validator;
    private final Duration timeout;
    private final Executor callbacks;
    private final Runnable fencedRejection;

    /**
     * @param runtime   the running runtime of this node, if any (it starts once the cluster bootstrapped)
     * @param limits    the same limits the runtime enforces
     * @param timeout   longest wait for an answer: a read then fails as unavailable, a write as indeterminate
     * @param callbacks where the returned stages complete
     */
    public RuntimeKeyValueStore(Supplier<Optional<NodeRuntime>> runtime, KvLimits limits, Duration timeout,
                                Executor callbacks) {
        this(runtime, limits, timeout, callbacks, () -> { });
    }

    /** @param fencedRejection told of every fenced write refused because a newer token exists (for metrics) */
    public RuntimeKeyValueStore(Supplier<Optional<NodeRuntime>> runtime, KvLimits limits, Duration timeout,
                                Executor callbacks, Runnable fencedRejection) {
        this.fencedRejection = Objects.requireNonNull(fencedRejection, "fencedRejection");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.validator = new KvValidator(limits);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    }

    public KvLimits limits() {
        return validator.limits();
    }

    @Override
    public CompletionStage<Optional<KeyValue>> getAsync(String key, Consistency consistency) {
        return attempt(false, () -> {
            validator.checkKey(requireKey(key));
            ReadConsistency mode = switch (require(consistency, "consistency")) {
                case LINEARIZABLE -> ReadConsistency.LINEARIZABLE;
                case LEASE -> ReadConsistency.LEASE;
                case LOCAL -> ReadConsistency.LOCAL;
            };
            return answer(running().read(key, mode), false, KvValues::toApi);
        });
    }

    @Override
    public CompletionStage<Long> putAsync(String key, byte[] value, Optional<Duration> ttl) {
        return write(() -> new KvCommand.Put(writableKey(key), require(value, "value"), ttl(ttl)), KvValues::revision);
    }

    /**
     * The put travels as a {@link FencedWrite}: the KV service checks the token against the lock table and writes
     * in the same apply, so no grant can come between the check and the write.
     */
    @Override
    public CompletionStage<Long> putAsync(String key, byte[] value, FencedBy fence) {
        return attempt(true, () -> {
            FencedBy by = require(fence, "fence");
            LockNames.check(by.lockName());
            KvCommand put = new KvCommand.Put(requireKey(key), require(value, "value"), Optional.empty());
            validator.validate(put);
            return answer(running().submit(ServiceId.KV, FencedWrite.encode(by.lockName(), by.token(), put)), true,
                    bytes -> fencedRevision(by, bytes, fencedRejection));
        });
    }

    private static long fencedRevision(FencedBy fence, byte[] bytes, Runnable rejected) {
        try {
            FencedWrite.Outcome outcome = FencedWrite.decodeOutcome(bytes);
            if (!outcome.accepted()) {
                rejected.run();
                throw new FencingRejectedException(fence.lockName(), fence.token(), outcome.newestToken());
            }
            return KvValues.revision(KvResultCodec.decode(outcome.kvResult()));
        } catch (CodecException e) {
            throw new IllegalStateException("undecodable fenced write result: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletionStage<CasResult> putIfAbsentAsync(String key, byte[] value, Optional<Duration> ttl) {
        return write(() -> new KvCommand.PutIfAbsent(writableKey(key), require(value, "value"), ttl(ttl)),
                KvValues::cas);
    }

    @Override
    public CompletionStage<CasResult> compareAndSetAsync(String key, long expectedRevision, byte[] value,
                                                         Optional<Duration> ttl) {
        return write(() -> new KvCommand.CompareAndSet(writableKey(key), expectedRevision, require(value, "value"),
                ttl(ttl)), KvValues::cas);
    }

    @Override
    public CompletionStage<Boolean> deleteAsync(String key) {
        return write(() -> new KvCommand.Delete(writableKey(key)), KvValues::deleted);
    }

    @Override
    public CompletionStage<CasResult> compareAndDeleteAsync(String key, long expectedRevision) {
        return write(() -> new KvCommand.CompareAndDelete(writableKey(key), expectedRevision), KvValues::cas);
    }

    /** Through the log (the core's read-only Scan command): linearizable wherever it is asked. */
    @Override
    public CompletionStage<ScanPage> scanAsync(String prefix, int limit) {
        return scanAfterAsync(prefix, Optional.empty(), limit);
    }

    /**
     * The page of keys under {@code prefix} that follow {@code startAfter} (the last key of the previous page),
     * linearizable like {@link #scanAsync}: how the console pages through a prefix.
     */
    public CompletionStage<ScanPage> scanAfterAsync(String prefix, Optional<String> startAfter, int limit) {
        return attempt(false, () -> {
            KvCommand scan = new KvCommand.Scan(require(prefix, "prefix"), require(startAfter, "startAfter"), limit);
            validator.validate(scan);
            return answer(running().submit(scan), false, KvValues::page);
        });
    }

    private <T> CompletionStage<T> write(Supplier<KvCommand> command, Function<KvResult, T> mapping) {
        return attempt(true, () -> {
            KvCommand built = command.get();
            validator.validate(built); // before anything is proposed, with the limits the runtime checks again
            return answer(running().submit(built), true, mapping);
        });
    }

    /** Runs the checks and the hand-over to the runtime; a failure there becomes a failed stage, never a throw. */
    private <T> CompletionStage<T> attempt(boolean write, Supplier<CompletionStage<T>> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(KvFailures.translate(e, write));
        }
    }

    private <R, T> CompletionStage<T> answer(CompletableFuture<R> fromRuntime, boolean write, Function<R, T> mapping) {
        CompletableFuture<T> result = new CompletableFuture<>();
        fromRuntime.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, failure) -> {
            Runnable deliver = () -> {
                if (failure != null) {
                    result.completeExceptionally(KvFailures.translate(failure, write));
                    return;
                }
                try {
                    result.complete(mapping.apply(value));
                } catch (RuntimeException e) {
                    result.completeExceptionally(KvFailures.translate(e, write));
                }
            };
            try {
                callbacks.execute(deliver);
            } catch (RejectedExecutionException shuttingDown) {
                deliver.run(); // the application is stopping: an answer on this thread beats none
            }
        });
        return result;
    }

    private NodeRuntime running() {
        return runtime.get().orElseThrow(() -> new SynodUnavailableException(
                "the Raft runtime is not running on this node yet (the cluster has not formed); nothing was changed"));
    }

    private static Optional<Ttl> ttl(Optional<Duration> ttl) {
        return require(ttl, "ttl").map(Ttl::of); // Ttl.of refuses zero, negative and sub-millisecond durations
    }

    /** A key the request may write: present and outside the reserved prefixes. */
    private static String writableKey(String key) {
        ReservedKeys.checkWritable(requireKey(key));
        return key;
    }

    private static String requireKey(String key) {
        if (key == null) {
            throw new InvalidKeyException("key must not be null");
        }
        return key;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new InvalidRequestException(what + " must not be null");
        }
        return value;
    }
}
