package io.synod.core.statemachine.kv;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.CodecFuzz;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.synod.core.statemachine.kv.Kv.b;
import static io.synod.core.statemachine.kv.Kv.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvSnapshotTest {

    /** A seeded stream of KV commands covering every kind, including invalid and malformed ones. */
    static List<byte[]> randomPayloads(long seed, int n) {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "k/" + random.nextInt(20);
            Optional<Ttl> ttl = random.nextInt(4) == 0 ? Optional.of(new Ttl(1 + random.nextInt(200)))
                    : Optional.empty();
            byte[] value = b("v" + random.nextInt(1000));
            KvCommand c = switch (random.nextInt(12)) {
                case 0, 1, 2 -> new KvCommand.Put(key, value, ttl);
                case 3 -> new KvCommand.PutIfAbsent(key, value, ttl);
                case 4 -> new KvCommand.CompareAndSet(key, random.nextInt(i + 2), value, ttl);
                case 5 -> new KvCommand.CompareValueAndSet(key, b("v" + random.nextInt(1000)), value, ttl);
                case 6 -> new KvCommand.Delete(key);
                case 7 -> new KvCommand.DeletePrefix("k/" + random.nextInt(3));
                case 8 -> new KvCommand.Expire();
                case 9 -> new KvCommand.Compact(1 + random.nextInt(i + 1));
                case 10 -> new KvCommand.Scan("k/", Optional.empty(), 1 + random.nextInt(5));
                default -> new KvCommand.Put("", value, ttl); // invalid: rejected on apply
            };
            out.add(random.nextInt(50) == 0 ? new byte[] {1, 77} : KvCommandCodec.encode(c));
        }
        return out;
    }

    static List<byte[]> feed(KvStateMachine machine, List<byte[]> payloads) {
        List<byte[]> results = new ArrayList<>();
        long time = 1_000;
        for (int i = 0; i < payloads.size(); i++) {
            time += 7;
            CommandEnvelope envelope = new CommandEnvelope(ClientId.of("c"), i + 1, time, ServiceId.KV,
                    payloads.get(i));
            results.add(machine.apply(new AppliedCommand(i + 1, time, envelope)));
        }
        return results;
    }

    @Test
    void two_instances_fed_the_same_commands_have_byte_identical_snapshots_and_results() {
        for (long seed = 1; seed <= 10; seed++) {
            List<byte[]> payloads = randomPayloads(seed, 400);
            KvStateMachine a = new KvStateMachine(KvLimits.DEFAULT.withHistory(50, 1 << 20));
            KvStateMachine b = new KvStateMachine(KvLimits.DEFAULT.withHistory(50, 1 << 20));

            List<byte[]> ra = feed(a, payloads);
            List<byte[]> rb = feed(b, payloads);

            assertThat(ra).as("seed %d", seed).zipSatisfy(rb, (x, y) -> assertThat(x).isEqualTo(y));
            assertThat(a.snapshot()).as("seed %d", seed).isEqualTo(b.snapshot());
        }
    }

    @Test
    void restore_reproduces_the_state_exactly_and_continues_identically() throws CodecException {
        List<byte[]> payloads = randomPayloads(42, 600);
        KvStateMachine original = new KvStateMachine(KvLimits.DEFAULT);
        feed(original, payloads.subList(0, 300));
        byte[] image = original.snapshot();

        KvStateMachine restored = new KvStateMachine(KvLimits.DEFAULT);
        restored.restore(image);
        assertThat(restored.snapshot()).isEqualTo(image);
        assertThat(restored.lastApplied()).isEqualTo(300);
        assertThat(restored.store().revision()).isEqualTo(original.store().revision());
        assertThat(restored.store().events(original.store().compactRevision() + 1))
                .isEqualTo(original.store().events(original.store().compactRevision() + 1));

        // Continue both with the same tail: still identical.
        List<byte[]> tail = payloads.subList(300, 600);
        long time = 10_000;
        for (int i = 0; i < tail.size(); i++) {
            CommandEnvelope e = new CommandEnvelope(ClientId.of("c"), 301 + i, time + i, ServiceId.KV, tail.get(i));
            AppliedCommand cmd = new AppliedCommand(301 + i, time + i, e);
            assertThat(restored.apply(cmd)).isEqualTo(original.apply(cmd));
        }
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }

    @Test
    void restore_rebuilds_the_expiry_index() throws CodecException {
        KvStateMachine original = new KvStateMachine(KvLimits.DEFAULT);
        original.store().apply(put("ttl", "v", 100), 1_000);
        original.store().apply(put("keep", "v"), 1_000);
        KvStateMachine restored = new KvStateMachine(KvLimits.DEFAULT);
        restored.restore(original.snapshot());

        assertThat(restored.store().apply(new KvCommand.Expire(), 1_100)).isEqualTo(new KvResult.Expired(3, 1));
        assertThat(restored.store().get("keep", 1_100)).isPresent();
    }

    @Test
    void snapshot_is_a_pure_function_of_the_state() {
        KvStateMachine machine = new KvStateMachine(KvLimits.DEFAULT);
        feed(machine, randomPayloads(9, 200));
        byte[] first = machine.snapshot();
        machine.store().get("k/1", 0);
        machine.store().scan("k/", Optional.empty(), 5, 0);
        machine.store().events(1);
        assertThat(machine.snapshot()).isEqualTo(first);
    }

    @Test
    void a_corrupt_snapshot_is_refused_and_the_state_kept() {
        KvStateMachine machine = new KvStateMachine(KvLimits.DEFAULT);
        feed(machine, randomPayloads(3, 100));
        byte[] before = machine.snapshot();

        byte[] truncated = java.util.Arrays.copyOf(before, before.length - 3);
        assertThatThrownBy(() -> machine.restore(truncated)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> machine.restore(new byte[] {9})).isInstanceOf(CodecException.class);
        assertThat(machine.snapshot()).isEqualTo(before);
    }

    @Test
    void snapshot_invariants_are_checked_on_decode() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        store.apply(put("a", "1"), 5);
        store.apply(put("b", "2"), 5);
        KvImage good = store.image();
        KvImage unsorted = new KvImage(good.revision(), 0, List.of(good.kvs().get(1), good.kvs().get(0)), List.of());
        KvImage future = new KvImage(1, 0, good.kvs(), List.of());
        KvImage eventBeforeCompaction = new KvImage(good.revision(), 2, good.kvs(), good.events());

        for (KvImage bad : List.of(unsorted, future, eventBeforeCompaction)) {
            assertThatThrownBy(() -> KvSnapshotCodec.decode(KvSnapshotCodec.encode(0, bad)))
                    .isInstanceOf(CodecException.class);
        }
    }

    @Test
    void fuzzed_snapshots_decode_or_fail_with_codec_exception() {
        KvStateMachine machine = new KvStateMachine(KvLimits.DEFAULT);
        List<byte[]> valid = new ArrayList<>();
        valid.add(machine.snapshot());
        List<byte[]> payloads = randomPayloads(5, 30);
        for (int i = 0; i < payloads.size(); i += 10) {
            feed(machine, payloads.subList(i, i + 10));
            valid.add(machine.snapshot());
        }
        for (long seed = 1; seed <= 10; seed++) {
            CodecFuzz.run(seed, 1_000, valid, KvSnapshotCodec::decode,
                    d -> KvSnapshotCodec.encode(d.lastApplied(), d.image()));
        }
    }
}
