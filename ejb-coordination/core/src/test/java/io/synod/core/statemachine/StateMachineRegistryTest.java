package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.CodecFuzz;
import io.synod.core.codec.WireReader;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvCommandCodec;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvResultCodec;
import io.synod.core.statemachine.kv.KvStateMachine;
import io.synod.core.statemachine.kv.Ttl;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateMachineRegistryTest {

    private static final ClientSessionPolicy POLICY = new ClientSessionPolicy(Duration.ofSeconds(60), 1000);

    private final KvStateMachine kv = new KvStateMachine(KvLimits.DEFAULT);
    private final CountingMachine locks = new CountingMachine(ServiceId.LOCKS);
    private final StateMachineRegistry registry = new StateMachineRegistry(POLICY, List.of(kv, locks));
    private long index;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LogEntry entry(long index, String client, long seq, long time, ServiceId service, byte[] payload) {
        return LogEntry.normal(index, 1, EnvelopeCodec.encode(
                new CommandEnvelope(ClientId.of(client), seq, time, service, payload)));
    }

    private ApplyOutcome kv(String client, long seq, long time, KvCommand command) {
        return registry.apply(entry(++index, client, seq, time, ServiceId.KV, KvCommandCodec.encode(command)));
    }

    private static KvResult result(ApplyOutcome outcome) throws CodecException {
        byte[] bytes = outcome instanceof ApplyOutcome.Applied a ? a.result()
                : ((ApplyOutcome.Duplicate) outcome).result();
        return KvResultCodec.decode(bytes);
    }

    @Test
    void a_retried_command_is_applied_once_and_answered_with_the_same_result() throws CodecException {
        ApplyOutcome first = kv("c1", 1, 100, new KvCommand.Put("x", b("1"), Optional.empty()));
        kv("c2", 1, 110, new KvCommand.Put("x", b("2"), Optional.empty()));
        ApplyOutcome retry = kv("c1", 1, 120, new KvCommand.Put("x", b("1"), Optional.empty()));

        assertThat(first).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(retry).isInstanceOf(ApplyOutcome.Duplicate.class);
        assertThat(result(retry)).isEqualTo(result(first)).isEqualTo(new KvResult.Put(1, Optional.empty()));
        assertThat(kv.view().revision()).isEqualTo(2);
        assertThat(kv.view().get("x", 120).orElseThrow().value()).isEqualTo(b("2"));
        assertThat(registry.lastApplied()).isEqualTo(3);
    }

    @Test
    void duplicate_cas_does_not_fail_on_its_own_effect() throws CodecException {
        kv("c", 1, 0, new KvCommand.Put("k", b("a"), Optional.empty()));
        KvCommand cas = new KvCommand.CompareAndSet("k", 1, b("b"), Optional.empty());
        ApplyOutcome first = kv("c", 2, 0, cas);
        ApplyOutcome retry = kv("c", 2, 0, cas);
        assertThat(result(first)).isInstanceOf(KvResult.Put.class);
        assertThat(result(retry)).isEqualTo(result(first));
    }

    @Test
    void many_retries_apply_once() {
        for (int i = 0; i < 10; i++) {
            registry.apply(entry(++index, "c", 1, 0, ServiceId.LOCKS, new byte[] {1}));
        }
        assertThat(locks.applied()).isEqualTo(1);
    }

    @Test
    void stale_and_forgotten_sequences_are_typed_outcomes_that_change_nothing() {
        registry.apply(entry(++index, "c", 1, 0, ServiceId.LOCKS, new byte[] {1}));
        registry.apply(entry(++index, "c", 2, 0, ServiceId.LOCKS, new byte[] {1}));
        assertThat(registry.apply(entry(++index, "c", 1, 0, ServiceId.LOCKS, new byte[] {1})))
                .isEqualTo(new ApplyOutcome.Stale(index, ClientId.of("c"), 1, 2));
        assertThat(registry.apply(entry(++index, "never-seen", 5, 0, ServiceId.LOCKS, new byte[] {1})))
                .isEqualTo(new ApplyOutcome.SessionExpired(index, ClientId.of("never-seen"), 5));
        assertThat(locks.applied()).isEqualTo(2);
    }

    @Test
    void a_client_idle_past_the_timeout_is_forgotten_by_leader_time() {
        registry.apply(entry(++index, "idle", 1, 1_000, ServiceId.LOCKS, new byte[] {1}));
        registry.apply(entry(++index, "busy", 1, 61_000, ServiceId.LOCKS, new byte[] {1}));

        assertThat(registry.session(ClientId.of("idle"))).isEmpty();
        assertThat(registry.apply(entry(++index, "idle", 1, 61_001, ServiceId.LOCKS, new byte[] {1})))
                .isInstanceOf(ApplyOutcome.Applied.class); // seq 1 of a forgotten client: a new client
        assertThat(registry.apply(entry(++index, "idle", 2, 200_000, ServiceId.LOCKS, new byte[] {1})))
                .isInstanceOf(ApplyOutcome.SessionExpired.class);
    }

    @Test
    void the_clock_never_runs_backwards_across_leaders() throws CodecException {
        ApplyOutcome a = registry.apply(entry(++index, "c", 1, 5_000, ServiceId.LOCKS, new byte[0]));
        ApplyOutcome b = registry.apply(entry(++index, "c", 2, 4_000, ServiceId.LOCKS, new byte[0]));
        WireReader in = new WireReader(((ApplyOutcome.Applied) b).result());
        in.readLong("count");
        assertThat(in.readLong("time")).isEqualTo(5_000);
        assertThat(registry.clockMillis()).isEqualTo(5_000);
        assertThat(a).isInstanceOf(ApplyOutcome.Applied.class);
    }

    @Test
    void ttl_uses_the_entry_time() {
        kv("c", 1, 1_000, new KvCommand.Put("s", b("v"), Optional.of(new Ttl(500))));
        assertThat(kv.view().get("s", 1_499)).isPresent();
        kv("c", 2, 1_500, new KvCommand.Expire());
        assertThat(kv.view().scan("", Optional.empty(), 10, 0).kvs()).isEmpty(); // removed, not just hidden
    }

    @Test
    void noops_conf_changes_and_replays_are_skipped() {
        assertThat(registry.apply(LogEntry.normal(1, 1, new byte[0]))).isEqualTo(new ApplyOutcome.Skipped(1));
        assertThat(registry.apply(new LogEntry(2, 1, EntryType.CONF_CHANGE, new byte[] {1, 2})))
                .isEqualTo(new ApplyOutcome.Skipped(2));
        assertThat(registry.lastApplied()).isEqualTo(2);
        assertThat(registry.apply(entry(2, "c", 1, 0, ServiceId.LOCKS, new byte[0])))
                .isEqualTo(new ApplyOutcome.Skipped(2));
        assertThat(locks.applied()).isZero();
    }

    @Test
    void a_gap_in_the_applied_log_is_a_bug_that_stops_the_node() {
        assertThatThrownBy(() -> registry.apply(LogEntry.normal(2, 1, new byte[0])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gap");
    }

    @Test
    void undecodable_entries_and_unhosted_services_are_rejected_deterministically() {
        assertThat(registry.apply(LogEntry.normal(1, 1, new byte[] {1, 2, 3})))
                .isInstanceOf(ApplyOutcome.Rejected.class);
        assertThat(registry.apply(entry(2, "c", 1, 0, ServiceId.SCHEDULER, new byte[0])))
                .isInstanceOf(ApplyOutcome.Rejected.class);
        assertThat(registry.lastApplied()).isEqualTo(2);
        assertThat(registry.sessionCount()).isZero();
    }

    @Test
    void malformed_kv_payload_is_a_rejected_result_not_a_crash() throws CodecException {
        ApplyOutcome o = registry.apply(entry(1, "c", 1, 0, ServiceId.KV, new byte[] {1, 99}));
        assertThat(result(o)).isInstanceOf(KvResult.Rejected.class);
    }

    @Test
    void two_registries_fed_the_same_entries_have_identical_snapshots() throws CodecException {
        List<LogEntry> entries = randomEntries(7, 500);
        StateMachineRegistry one = newRegistry();
        StateMachineRegistry two = newRegistry();
        for (LogEntry e : entries) {
            ApplyOutcome a = one.apply(e);
            ApplyOutcome b = two.apply(e);
            assertThat(a.getClass()).isEqualTo(b.getClass());
        }
        assertThat(one.snapshot()).isEqualTo(two.snapshot());

        LogEntry last = entry(501, "final", 1, 50_000, ServiceId.KV,
                KvCommandCodec.encode(new KvCommand.Put("f", b("1"), Optional.empty())));
        assertThat(one.apply(last)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(two.apply(last)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(one.apply(last)).isEqualTo(new ApplyOutcome.Skipped(501)); // redelivery of an applied index
        StateMachineRegistry restored = newRegistry();
        restored.restore(one.snapshot());
        assertThat(restored.snapshot()).isEqualTo(one.snapshot());
        assertThat(restored.lastApplied()).isEqualTo(501);
        // The dedup table is part of the image: a retry arriving after the restore is still a duplicate.
        LogEntry retry = LogEntry.normal(502, 2, last.data());
        ApplyOutcome onRestored = restored.apply(retry);
        ApplyOutcome onOriginal = one.apply(retry);
        assertThat(onRestored).isInstanceOf(ApplyOutcome.Duplicate.class);
        assertThat(((ApplyOutcome.Duplicate) onRestored).result())
                .isEqualTo(((ApplyOutcome.Duplicate) onOriginal).result());
        assertThat(restored.snapshot()).isEqualTo(one.snapshot());
    }

    @Test
    void restore_is_all_or_nothing() {
        registry.apply(entry(++index, "c", 1, 0, ServiceId.LOCKS, new byte[0]));
        kv("c", 2, 0, new KvCommand.Put("k", b("v"), Optional.empty()));
        byte[] image = registry.snapshot();
        registry.apply(entry(++index, "c", 3, 0, ServiceId.LOCKS, new byte[0]));
        byte[] before = registry.snapshot();

        locks.refuseRestore = true; // KV restores first (ServiceId order), then LOCKS refuses
        assertThatThrownBy(() -> registry.restore(image)).isInstanceOf(CodecException.class);
        locks.refuseRestore = false;
        assertThat(registry.snapshot()).isEqualTo(before);

        StateMachineRegistry kvOnly = new StateMachineRegistry(POLICY, List.of(new KvStateMachine(KvLimits.DEFAULT)));
        assertThatThrownBy(() -> kvOnly.restore(image)).isInstanceOf(CodecException.class)
                .hasMessageContaining("hosts");
        assertThatThrownBy(() -> registry.restore(java.util.Arrays.copyOf(image, image.length - 1)))
                .isInstanceOf(CodecException.class);
        assertThat(registry.snapshot()).isEqualTo(before);
    }

    @Test
    void fuzzed_registry_snapshots_restore_or_fail_with_codec_exception() {
        List<byte[]> valid = new ArrayList<>();
        StateMachineRegistry source = newRegistry();
        valid.add(source.snapshot());
        for (LogEntry e : randomEntries(11, 60)) {
            source.apply(e);
            if (e.index() % 20 == 0) {
                valid.add(source.snapshot());
            }
        }
        for (long seed = 1; seed <= 5; seed++) {
            CodecFuzz.run(seed, 500, valid, bytes -> {
                StateMachineRegistry r = newRegistry();
                r.restore(bytes);
                return r;
            }, StateMachineRegistry::snapshot);
        }
    }

    @Test
    void two_machines_for_one_service_are_refused() {
        assertThatThrownBy(() -> new StateMachineRegistry(POLICY, List.of(kv, new KvStateMachine(KvLimits.DEFAULT))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static StateMachineRegistry newRegistry() {
        return new StateMachineRegistry(new ClientSessionPolicy(Duration.ofMillis(400), 5),
                List.of(new KvStateMachine(KvLimits.DEFAULT.withHistory(100, 1 << 20)),
                        new CountingMachine(ServiceId.LOCKS)));
    }

    /** Eight clients, retries, stale and skipped sequences, leader-time jitter, no-ops and junk entries. */
    private static List<LogEntry> randomEntries(long seed, int n) {
        Random random = new Random(seed);
        long[] seq = new long[8];
        List<LogEntry> out = new ArrayList<>();
        long time = 10_000;
        for (int i = 1; i <= n; i++) {
            time += random.nextInt(100) - 20;
            int kind = random.nextInt(20);
            if (kind == 0) {
                out.add(LogEntry.normal(i, 1, new byte[0]));
                continue;
            }
            if (kind == 1) {
                out.add(LogEntry.normal(i, 1, new byte[] {1, (byte) random.nextInt()}));
                continue;
            }
            int c = random.nextInt(seq.length);
            int step = random.nextInt(10);
            long s = step == 0 ? Math.max(1, seq[c]) : step == 1 ? Math.max(1, seq[c] - 1) : ++seq[c];
            byte[] payload = random.nextBoolean()
                    ? KvCommandCodec.encode(new KvCommand.Put("k" + random.nextInt(10), b("v" + i),
                    random.nextBoolean() ? Optional.of(new Ttl(1 + random.nextInt(300))) : Optional.empty()))
                    : KvCommandCodec.encode(new KvCommand.Expire());
            ServiceId service = random.nextInt(5) == 0 ? ServiceId.LOCKS : ServiceId.KV;
            out.add(LogEntry.normal(i, 1, EnvelopeCodec.encode(
                    new CommandEnvelope(ClientId.of("client-" + c), s, Math.max(0, time), service, payload))));
        }
        return out;
    }
}
