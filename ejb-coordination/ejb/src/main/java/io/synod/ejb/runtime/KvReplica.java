package io.synod.ejb.runtime;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Snapshot;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientSessionPolicy;
import io.synod.core.statemachine.StateMachineRegistry;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.core.statemachine.kv.KvStateMachine;
import io.synod.core.statemachine.kv.KvView;
import io.synod.core.statemachine.lock.LockLimits;
import io.synod.core.statemachine.lock.LockView;
import io.synod.core.statemachine.lock.SessionsAndLocks;
import io.synod.core.statemachine.session.SessionLimits;
import io.synod.core.statemachine.session.SessionView;

import java.util.List;

/**
 * This member's copy of the group's replicated state: the service registry (hosting the key-value store with
 * fenced writes, sessions and locks), the
 * index it has applied, and the configuration at that index (which every snapshot must record, taken from
 * each applied CONF_CHANGE entry's own payload, as the core's shell contract says). Event-loop only.
 */
final class KvReplica {

    private final KvStateMachine kv;
    private final SessionsAndLocks coordination;
    private final StateMachineRegistry registry;
    private long applied;
    private ConfState confState = ConfState.EMPTY;
    private long snapshotIndex;

    KvReplica(KvLimits limits, ClientSessionPolicy sessions) {
        this.kv = new KvStateMachine(limits);
        // Sessions and locks share the registry with the store: one log order, one snapshot, and fenced writes
        // checked against the lock table inside the same apply.
        this.coordination = SessionsAndLocks.create(SessionLimits.DEFAULT, LockLimits.DEFAULT);
        this.registry = new StateMachineRegistry(sessions, List.of(
                new FencedKvMachine(kv, coordination.locks().view()),
                coordination.sessions(), coordination.locks()));
    }

    /**
     * Replace the state by {@code snapshot} unless it is not newer than what is applied (the state machine
     * never moves backwards). The bootstrap snapshot carries no image: it only sets the configuration.
     *
     * @return whether the state was replaced
     * @throws IllegalStateException if the image does not decode: the node must not run on a state it cannot read
     */
    boolean restore(Snapshot snapshot) {
        long index = snapshot.metadata().index();
        if (index <= applied && !(index == 0 && applied == 0)) {
            return false;
        }
        if (snapshot.data().length > 0) {
            try {
                registry.restore(snapshot.data());
            } catch (CodecException e) {
                throw new IllegalStateException("snapshot at index " + index + " does not decode: " + e.getMessage(), e);
            }
        }
        applied = index;
        snapshotIndex = index;
        confState = snapshot.metadata().confState();
        return true;
    }

    /** Apply one committed entry; entries at or below the applied index (already in a snapshot) are skipped. */
    ApplyOutcome apply(LogEntry entry) {
        if (entry.index() <= applied) {
            return new ApplyOutcome.Skipped(entry.index());
        }
        ApplyOutcome outcome = registry.apply(entry);
        applied = entry.index();
        if (entry.type() == EntryType.CONF_CHANGE) {
            confState = ConfChangeCodec.confStateAfter(entry.data());
        }
        return outcome;
    }

    /** The image of everything applied, to be recorded as the snapshot at {@link #applied()}. */
    byte[] image() {
        return registry.snapshot();
    }

    void snapshotTaken(long index) {
        snapshotIndex = index;
    }

    long applied() {
        return applied;
    }

    long snapshotIndex() {
        return snapshotIndex;
    }

    ConfState confState() {
        return confState;
    }

    KvView view() {
        return kv.view();
    }

    LockView locks() {
        return coordination.locks().view();
    }

    SessionView sessions() {
        return coordination.sessions().view();
    }

    /** The group's deterministic time (the newest leader stamp applied): what reads judge TTLs against. */
    long clockMillis() {
        return registry.clockMillis();
    }
}
