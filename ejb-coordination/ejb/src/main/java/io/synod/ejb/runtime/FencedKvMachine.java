package io.synod.ejb.runtime;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachine;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvResultCodec;
import io.synod.core.statemachine.kv.KvStateMachine;
import io.synod.core.statemachine.kv.KvViolation;
import io.synod.core.statemachine.lock.FenceCheck;
import io.synod.core.statemachine.lock.LockView;

import java.util.Objects;

/**
 * The KV service with fenced writes: a {@link FencedWrite} is checked against the lock table and, if its token is
 * still the newest granted for its lock, applied to the store — both inside the apply of one entry, so no grant can
 * slip between the check and the write (the check is in log order on every replica). Plain KV commands pass
 * through untouched; the snapshot is the store's own.
 */
final class FencedKvMachine implements StateMachine {

    private final KvStateMachine kv;
    private final LockView locks;

    FencedKvMachine(KvStateMachine kv, LockView locks) {
        this.kv = Objects.requireNonNull(kv, "kv");
        this.locks = Objects.requireNonNull(locks, "locks");
    }

    @Override
    public ServiceId service() {
        return ServiceId.KV;
    }

    @Override
    public byte[] apply(AppliedCommand command) {
        if (!FencedWrite.isFenced(command.payload())) {
            return kv.apply(command);
        }
        FencedWrite.Decoded fenced;
        try {
            fenced = FencedWrite.decode(command.payload());
        } catch (CodecException e) {
            return KvResultCodec.encode(new KvResult.Rejected(KvViolation.MALFORMED_COMMAND, e.getMessage()));
        }
        FenceCheck check = locks.checkFence(fenced.lockName(), fenced.token());
        if (!check.accepted()) {
            return FencedWrite.refused(check.newestToken());
        }
        CommandEnvelope e = command.envelope();
        CommandEnvelope inner = new CommandEnvelope(e.clientId(), e.sequence(), e.leaderTimeMillis(), e.service(),
                fenced.kvCommand());
        return FencedWrite.accepted(check.newestToken(),
                kv.apply(new AppliedCommand(command.index(), command.timeMillis(), inner)));
    }

    @Override
    public long lastApplied() {
        return kv.lastApplied();
    }

    @Override
    public byte[] snapshot() {
        return kv.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) throws CodecException {
        kv.restore(snapshot);
    }
}
