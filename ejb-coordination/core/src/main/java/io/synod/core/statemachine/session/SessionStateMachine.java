package io.synod.core.statemachine.session;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachine;

import java.util.Objects;

/**
 * The {@link SessionTable} behind the byte-level {@link StateMachine} SPI. Services that hold things on behalf of
 * a session (locks) register a {@link SessionListener} here, so a session's end releases them in the same entry.
 */
public final class SessionStateMachine implements StateMachine {

    private final SessionTable table;
    private long lastApplied;

    public SessionStateMachine(SessionLimits limits) {
        this.table = new SessionTable(limits);
    }

    @Override
    public ServiceId service() {
        return ServiceId.SESSIONS;
    }

    @Override
    public byte[] apply(AppliedCommand command) {
        Objects.requireNonNull(command, "command");
        lastApplied = command.index();
        SessionResult result;
        try {
            result = table.apply(SessionCommandCodec.decode(command.payload()), command.index(),
                    command.timeMillis());
        } catch (CodecException e) {
            result = new SessionResult.Rejected(SessionViolation.MALFORMED_COMMAND, e.getMessage());
        }
        return SessionResultCodec.encode(result);
    }

    public void addListener(SessionListener listener) {
        table.addListener(listener);
    }

    /** What the shell, the console and the lock service read; changes go through {@link #apply} only. */
    public SessionView view() {
        return table;
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public byte[] snapshot() {
        return SessionSnapshotCodec.encode(lastApplied, table.image());
    }

    @Override
    public void restore(byte[] snapshot) throws CodecException {
        SessionSnapshotCodec.Decoded decoded = SessionSnapshotCodec.decode(snapshot);
        table.load(decoded.sessions());
        lastApplied = decoded.lastApplied();
    }
}
