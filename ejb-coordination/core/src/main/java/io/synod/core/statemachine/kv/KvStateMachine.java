package io.synod.core.statemachine.kv;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachine;

import java.util.Objects;

/**
 * The {@link KvStore} behind the byte-level {@link StateMachine} SPI: decodes the command, applies it at the
 * entry's time, encodes the result. A payload that does not decode is a {@link KvViolation#MALFORMED_COMMAND}
 * result, never an exception, so one bad entry cannot stop every replica at the same index.
 */
public final class KvStateMachine implements StateMachine {

    private final KvStore store;
    private long lastApplied;

    public KvStateMachine(KvLimits limits) {
        this.store = new KvStore(limits);
    }

    @Override
    public ServiceId service() {
        return ServiceId.KV;
    }

    @Override
    public byte[] apply(AppliedCommand command) {
        Objects.requireNonNull(command, "command");
        lastApplied = command.index();
        KvResult result;
        try {
            result = store.apply(KvCommandCodec.decode(command.payload()), command.timeMillis());
        } catch (CodecException e) {
            result = new KvResult.Rejected(KvViolation.MALFORMED_COMMAND, e.getMessage());
        }
        return KvResultCodec.encode(result);
    }

    /** What the shell serves reads from; writes go through {@link #apply}, i.e. through the log, only. */
    public KvView view() {
        return store;
    }

    /** The store itself, for tests in this package. */
    KvStore store() {
        return store;
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public byte[] snapshot() {
        return KvSnapshotCodec.encode(lastApplied, store.image());
    }

    @Override
    public void restore(byte[] snapshot) throws CodecException {
        KvSnapshotCodec.Decoded decoded = KvSnapshotCodec.decode(snapshot);
        store.load(decoded.image());
        lastApplied = decoded.lastApplied();
    }
}
