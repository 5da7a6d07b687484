package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachine;
import io.synod.core.statemachine.session.SessionStateMachine;

import java.util.Objects;

/**
 * The {@link LockTable} behind the byte-level {@link StateMachine} SPI. Built on the group's
 * {@link SessionStateMachine}: it checks session liveness at every grant and registers for session ends, so that
 * a close or expiry (a SESSIONS entry) releases and hands over locks in that same entry, with its index as token.
 * Both machines go into the same {@code StateMachineRegistry}, which snapshots and restores them together.
 */
public final class LockStateMachine implements StateMachine {

    private final LockTable table;
    private long lastApplied;

    public LockStateMachine(LockLimits limits, SessionStateMachine sessions) {
        this(new LockTable(limits, Objects.requireNonNull(sessions, "sessions").view()), sessions);
    }

    /** Over a table built on another view of the sessions: how tests inject a known lock-service bug. */
    LockStateMachine(LockTable table, SessionStateMachine sessions) {
        this.table = Objects.requireNonNull(table, "table");
        sessions.addListener(table::onSessionEnd);
    }

    @Override
    public ServiceId service() {
        return ServiceId.LOCKS;
    }

    @Override
    public byte[] apply(AppliedCommand command) {
        Objects.requireNonNull(command, "command");
        lastApplied = command.index();
        LockResult result;
        try {
            result = table.apply(LockCommandCodec.decode(command.payload()), command.index(), command.timeMillis());
        } catch (CodecException e) {
            result = new LockResult.Rejected(LockViolation.MALFORMED_COMMAND, e.getMessage());
        }
        return LockResultCodec.encode(result);
    }

    /** What the shell, the console and fencing resources read; changes go through {@link #apply} only. */
    public LockView view() {
        return table;
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public byte[] snapshot() {
        return LockSnapshotCodec.encode(lastApplied, table.image());
    }

    @Override
    public void restore(byte[] snapshot) throws CodecException {
        LockSnapshotCodec.Decoded decoded = LockSnapshotCodec.decode(snapshot);
        table.load(decoded.locks());
        lastApplied = decoded.lastApplied();
    }
}
