package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachine;

import java.util.Objects;

/**
 * The {@link SchedulerStore} behind the byte-level {@link StateMachine} SPI: decodes the command, applies it at the
 * entry's time with the entry's index (the attempt token of any assignment it makes), encodes the result. A
 * payload that does not decode is a {@link SchedulerViolation#MALFORMED_COMMAND} result, never an exception.
 */
public final class SchedulerStateMachine implements StateMachine {

    private final SchedulerStore store;
    private long lastApplied;

    public SchedulerStateMachine(SchedulerLimits limits) {
        this.store = new SchedulerStore(limits);
    }

    @Override
    public ServiceId service() {
        return ServiceId.SCHEDULER;
    }

    @Override
    public byte[] apply(AppliedCommand command) {
        Objects.requireNonNull(command, "command");
        lastApplied = command.index();
        SchedulerResult result;
        try {
            result = store.apply(SchedulerCommandCodec.decode(command.payload()), command.index(),
                    command.timeMillis());
        } catch (CodecException e) {
            result = new SchedulerResult.Rejected(SchedulerViolation.MALFORMED_COMMAND, e.getMessage());
        }
        return SchedulerResultCodec.encode(result);
    }

    /** What the shell serves queries from; writes go through {@link #apply}, i.e. through the log, only. */
    public SchedulerView view() {
        return store.view();
    }

    SchedulerStore store() {
        return store;
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public byte[] snapshot() {
        return SchedulerSnapshotCodec.encode(lastApplied, store.image());
    }

    @Override
    public void restore(byte[] snapshot) throws CodecException {
        SchedulerSnapshotCodec.Decoded decoded = SchedulerSnapshotCodec.decode(snapshot);
        store.load(decoded.image());
        lastApplied = decoded.lastApplied();
    }
}
