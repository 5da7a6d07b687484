package io.synod.core.sim;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientSessionPolicy;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachine;
import io.synod.core.statemachine.StateMachineRegistry;
import io.synod.core.statemachine.lock.LockLimits;
import io.synod.core.statemachine.lock.LockStateMachine;
import io.synod.core.statemachine.lock.LockStateMachineWithInjectedBug;
import io.synod.core.statemachine.lock.LockView;
import io.synod.core.statemachine.scheduler.SchedulerLimits;
import io.synod.core.statemachine.scheduler.SchedulerStateMachine;
import io.synod.core.statemachine.scheduler.SchedulerStateMachineWithInjectedBug;
import io.synod.core.statemachine.scheduler.SchedulerView;
import io.synod.core.statemachine.session.SessionLimits;
import io.synod.core.statemachine.session.SessionStateMachine;
import io.synod.core.statemachine.session.SessionView;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One node's copy of the real coordination services — the production {@link StateMachineRegistry} hosting the
 * session, lock and scheduler state machines — fed every committed entry in log order next to the simulation's own KV
 * service. Entries carry either a {@link SimCommand} (first byte 0: a client id below 2^24) or a production
 * {@code CommandEnvelope} (first byte = envelope version 1); the registry sees every entry so its gap check holds.
 */
final class CoordinationReplica {

    /**
     * Idle client ids (leader duty ids, abandoned client incarnations) are forgotten after this much leader time. It
     * must exceed a client's retry window (60 ticks) as measured by the fastest leader clock (twice nominal speed):
     * a retry of a forgotten client's first command would be applied again (seed 1522 caught exactly that with 1 s).
     */
    static final ClientSessionPolicy POLICY = new ClientSessionPolicy(Duration.ofMillis(3_000), 4_096);
    static final SessionLimits SESSION_LIMITS = new SessionLimits(Duration.ofMinutes(1), 1_000, 100);
    static final LockLimits LOCK_LIMITS = new LockLimits(64, 64, Duration.ZERO);
    /** Attempt leases of 30 ticks; a ready task gains a priority point per 100 ticks waited. */
    static final SchedulerLimits SCHEDULER_LIMITS = SchedulerLimits.DEFAULT
            .withTimings(Duration.ofMillis(300), Duration.ofMillis(1_000));

    private final Set<ServiceBug> bugs;
    private StateMachineRegistry registry;
    private SessionView sessions;
    private LockView locks;
    private SchedulerView scheduler;

    CoordinationReplica(Set<ServiceBug> bugs) {
        this.bugs = bugs;
        reset();
    }

    static boolean isEnvelope(byte[] data) {
        return data.length > 0 && data[0] != 0;
    }

    /** A fresh, empty group state (the bootstrap snapshot carries none). */
    void reset() {
        SessionStateMachine s = new SessionStateMachine(SESSION_LIMITS);
        LockStateMachine lockMachine = bugs.contains(ServiceBug.LOCK_GRANT_SKIPS_SESSION_CHECK)
                ? LockStateMachineWithInjectedBug.grantingWithoutSessionCheck(LOCK_LIMITS, s)
                : new LockStateMachine(LOCK_LIMITS, s);
        locks = lockMachine.view();
        StateMachine schedulerMachine;
        if (bugs.contains(ServiceBug.SCHEDULER_ACCEPTS_STALE_COMPLETION)) {
            SchedulerStateMachineWithInjectedBug buggy = new SchedulerStateMachineWithInjectedBug(SCHEDULER_LIMITS);
            scheduler = buggy.view();
            schedulerMachine = buggy;
        } else {
            SchedulerStateMachine real = new SchedulerStateMachine(SCHEDULER_LIMITS);
            scheduler = real.view();
            schedulerMachine = real;
        }
        sessions = s.view();
        registry = new StateMachineRegistry(POLICY, List.of(s, lockMachine, schedulerMachine));
    }

    ApplyOutcome apply(LogEntry entry) {
        return registry.apply(entry);
    }

    long clockMillis() {
        return registry.clockMillis();
    }

    SessionView sessions() {
        return sessions;
    }

    LockView locks() {
        return locks;
    }

    SchedulerView scheduler() {
        return scheduler;
    }

    byte[] snapshot() {
        return registry.snapshot();
    }

    void restore(byte[] image) {
        reset();
        if (image.length == 0) {
            return;
        }
        try {
            registry.restore(image);
        } catch (CodecException e) {
            throw new InvariantViolation("a coordination snapshot taken by a replica does not restore: " + e.getMessage());
        }
    }
}
