package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ClientSessionPolicy;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.EnvelopeCodec;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachineRegistry;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.core.statemachine.kv.KvStateMachine;
import io.synod.core.statemachine.session.SessionCommand;
import io.synod.core.statemachine.session.SessionCommandCodec;
import io.synod.core.statemachine.session.SessionLimits;
import io.synod.core.statemachine.session.SessionStateMachine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions and locks hosted by one registry: routing, duplicate filtering, one snapshot, determinism. */
class LockRegistryTest {

    private static final ClientSessionPolicy POLICY = new ClientSessionPolicy(Duration.ofMinutes(5), 1_000);

    /** One group's services, as the shell wires them. */
    private static final class Replica {
        final SessionsAndLocks services = SessionsAndLocks.create(SessionLimits.DEFAULT,
                LockLimits.DEFAULT.withLockDelay(Duration.ofMillis(50)));
        final SessionStateMachine sessions = services.sessions();
        final LockStateMachine locks = services.locks();
        final StateMachineRegistry registry = new StateMachineRegistry(POLICY, List.of(
                new KvStateMachine(KvLimits.DEFAULT), sessions, locks));
    }

    private final Replica replica = new Replica();
    private final List<LogEntry> log = new ArrayList<>();

    private LogEntry entry(String client, long seq, long time, ServiceId service, byte[] payload) {
        LogEntry e = LogEntry.normal(log.size() + 1, 1,
                EnvelopeCodec.encode(new CommandEnvelope(ClientId.of(client), seq, time, service, payload)));
        log.add(e);
        return e;
    }

    private ApplyOutcome session(String client, long seq, long time, SessionCommand c) {
        return replica.registry.apply(entry(client, seq, time, ServiceId.SESSIONS, SessionCommandCodec.encode(c)));
    }

    private ApplyOutcome lock(String client, long seq, long time, LockCommand c) {
        return replica.registry.apply(entry(client, seq, time, ServiceId.LOCKS, LockCommandCodec.encode(c)));
    }

    private static LockResult result(ApplyOutcome o) throws CodecException {
        byte[] bytes = o instanceof ApplyOutcome.Applied a ? a.result() : ((ApplyOutcome.Duplicate) o).result();
        return LockResultCodec.decode(bytes);
    }

    @Test
    void both_services_are_hosted_and_routed_by_service_id() {
        assertThat(replica.registry.service(ServiceId.SESSIONS)).containsSame(replica.sessions);
        assertThat(replica.registry.service(ServiceId.LOCKS)).containsSame(replica.locks);
        session("c1", 1, 100, new SessionCommand.Open("s1", "node-1", 10_000));
        assertThat(lock("c1", 2, 110, new LockCommand.Acquire("x", "s1", "L1", false, 0)))
                .isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(replica.locks.view().lock("x").orElseThrow().holder().orElseThrow().token()).isEqualTo(2);
    }

    @Test
    void a_retried_acquire_is_answered_from_the_filter_and_does_not_queue_twice() throws CodecException {
        session("c1", 1, 100, new SessionCommand.Open("s1", "node-1", 10_000));
        session("c2", 1, 100, new SessionCommand.Open("s2", "node-2", 10_000));
        lock("c1", 2, 110, new LockCommand.Acquire("x", "s1", "L1", false, LockCommand.WAIT_FOREVER));
        LockCommand wait = new LockCommand.Acquire("x", "s2", "L2", false, LockCommand.WAIT_FOREVER);

        ApplyOutcome first = lock("c2", 2, 120, wait);
        ApplyOutcome retry = lock("c2", 2, 130, wait);

        assertThat(retry).isInstanceOf(ApplyOutcome.Duplicate.class);
        assertThat(result(retry)).isEqualTo(result(first)).isEqualTo(new LockResult.Queued("x", 1));
        assertThat(replica.locks.view().lock("x").orElseThrow().waiters()).hasSize(1);
    }

    @Test
    void a_retried_release_does_not_release_the_next_holder() throws CodecException {
        session("c1", 1, 100, new SessionCommand.Open("s1", "node-1", 10_000));
        session("c2", 1, 100, new SessionCommand.Open("s2", "node-2", 10_000));
        lock("c1", 2, 110, new LockCommand.Acquire("x", "s1", "L1", false, LockCommand.WAIT_FOREVER));
        lock("c2", 2, 120, new LockCommand.Acquire("x", "s2", "L2", false, LockCommand.WAIT_FOREVER));

        ApplyOutcome release = lock("c1", 3, 130, new LockCommand.Release("x", "L1"));
        ApplyOutcome retry = lock("c1", 3, 140, new LockCommand.Release("x", "L1"));

        assertThat(result(retry)).isEqualTo(result(release));
        LockHolder holder = replica.locks.view().lock("x").orElseThrow().holder().orElseThrow();
        assertThat(holder.leaseId()).isEqualTo("L2");
        assertThat(holder.token()).isEqualTo(release.index());
    }

    @Test
    void two_replicas_fed_the_same_log_hold_the_same_bytes_and_a_restored_one_continues_identically()
            throws CodecException {
        session("c1", 1, 100, new SessionCommand.Open("s1", "node-1", 1_000));
        session("c2", 1, 100, new SessionCommand.Open("s2", "node-2", 10_000));
        lock("c1", 2, 110, new LockCommand.Acquire("x", "s1", "L1", true, LockCommand.WAIT_FOREVER));
        lock("c1", 3, 115, new LockCommand.Acquire("x", "s1", "L1", true, LockCommand.WAIT_FOREVER));
        lock("c2", 2, 120, new LockCommand.Acquire("x", "s2", "L2", false, 5_000));
        byte[] midway = replica.registry.snapshot();
        Replica restored = new Replica();
        restored.registry.restore(midway);

        List<LogEntry> rest = List.of(
                entry("leader", 1, 1_100, ServiceId.SESSIONS,
                        SessionCommandCodec.encode(new SessionCommand.Expire(List.of("s1")))),
                entry("leader", 2, 1_149, ServiceId.LOCKS, LockCommandCodec.encode(new LockCommand.ExpireWaiters())),
                entry("leader", 3, 1_150, ServiceId.LOCKS, LockCommandCodec.encode(new LockCommand.ExpireWaiters())),
                entry("c2", 3, 1_160, ServiceId.LOCKS, LockCommandCodec.encode(new LockCommand.CheckFence("x", 3))));
        Replica fresh = new Replica();
        for (LogEntry e : log.subList(0, 5)) {
            fresh.registry.apply(e);
        }
        assertThat(fresh.registry.snapshot()).isEqualTo(midway);
        for (LogEntry e : rest) {
            ApplyOutcome a = replica.registry.apply(e);
            ApplyOutcome b = restored.registry.apply(e);
            ApplyOutcome c = fresh.registry.apply(e);
            assertThat(LockOutcomes.bytes(b)).isEqualTo(LockOutcomes.bytes(a)).isEqualTo(LockOutcomes.bytes(c));
        }
        assertThat(restored.registry.snapshot()).isEqualTo(replica.registry.snapshot())
                .isEqualTo(fresh.registry.snapshot());
        // The lock-delay (50 ms after expiry at 1_100) ended at 1_150: that sweep's entry index is the token.
        LockHolder holder = restored.locks.view().lock("x").orElseThrow().holder().orElseThrow();
        assertThat(holder.leaseId()).isEqualTo("L2");
        assertThat(holder.token()).isEqualTo(8);
        assertThat(result(restored.registry.apply(entry("c2", 4, 1_170, ServiceId.LOCKS,
                LockCommandCodec.encode(new LockCommand.CheckFence("x", 3))))))
                .isEqualTo(new LockResult.Fence(new FenceCheck("x", 3, 8, FenceCheck.Verdict.SUPERSEDED)));
    }

    /** The result bytes of an outcome, for comparing replicas. */
    private static final class LockOutcomes {
        static byte[] bytes(ApplyOutcome o) {
            return o instanceof ApplyOutcome.Applied a ? a.result() : new byte[] {(byte) 0xEE};
        }
    }
}
