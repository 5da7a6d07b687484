package io.synod.core.statemachine.kv;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.synod.core.statemachine.kv.Kv.b;
import static io.synod.core.statemachine.kv.Kv.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvValidationTest {

    private final KvValidator validator = new KvValidator(KvLimits.DEFAULT);

    @Test
    void key_rules() {
        assertThatThrownBy(() -> validator.validate(put("", "v"))).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> validator.validate(put("k".repeat(1025), "v")))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("1025");
        assertThatThrownBy(() -> validator.validate(put("bad\uD800", "v"))).isInstanceOf(InvalidKeyException.class);
        validator.validate(put("k".repeat(1024), "v"));
        // 1024 bytes is the limit, not 1024 chars: 342 three-byte chars are 1026 bytes.
        assertThatThrownBy(() -> validator.validate(put("€".repeat(342), "v")))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void value_limit_is_one_mebibyte_by_default() {
        validator.validate(new KvCommand.Put("k", new byte[1 << 20], Optional.empty()));
        assertThatThrownBy(() -> validator.validate(new KvCommand.Put("k", new byte[(1 << 20) + 1], Optional.empty())))
                .isInstanceOf(ValueTooLargeException.class)
                .extracting(e -> ((KvValidationException) e).violation()).isEqualTo(KvViolation.VALUE_TOO_LARGE);
        assertThatThrownBy(() -> validator.validate(
                new KvCommand.CompareValueAndSet("k", new byte[(1 << 20) + 1], b("x"), Optional.empty())))
                .isInstanceOf(ValueTooLargeException.class);
    }

    @Test
    void limits_are_configurable() {
        KvValidator small = new KvValidator(KvLimits.DEFAULT.withMaxKeyBytes(4).withMaxValueBytes(2));
        assertThatThrownBy(() -> small.validate(put("abcde", "v"))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> small.validate(put("abcd", "vvv"))).isInstanceOf(ValueTooLargeException.class);
        small.validate(put("abcd", "vv"));
    }

    @Test
    void ttl_must_be_positive_and_bounded() {
        assertThatThrownBy(() -> new Ttl(0)).isInstanceOf(InvalidTtlException.class);
        assertThatThrownBy(() -> Ttl.of(Duration.ofSeconds(-1))).isInstanceOf(InvalidTtlException.class);
        assertThatThrownBy(() -> Ttl.of(Duration.ofNanos(1_500_000))).isInstanceOf(InvalidTtlException.class);
        assertThatThrownBy(() -> Ttl.of(Duration.ofSeconds(Long.MAX_VALUE))).isInstanceOf(InvalidTtlException.class);
        assertThat(Ttl.ofSeconds(3).millis()).isEqualTo(3000);
        assertThatThrownBy(() -> validator.validate(put("k", "v", Duration.ofDays(366).toMillis())))
                .isInstanceOf(InvalidTtlException.class);
        validator.validate(put("k", "v", Duration.ofDays(365).toMillis()));
    }

    @Test
    void scan_rules() {
        assertThatThrownBy(() -> validator.validate(Kv.scan("", 0))).isInstanceOf(InvalidScanException.class);
        assertThatThrownBy(() -> validator.validate(Kv.scan("", 10_001))).isInstanceOf(InvalidScanException.class);
        assertThatThrownBy(() -> validator.validate(Kv.scan("p".repeat(1025), 1)))
                .isInstanceOf(InvalidScanException.class);
        assertThatThrownBy(() -> validator.validate(Kv.scanAfter("", "", 1))).isInstanceOf(InvalidScanException.class);
        validator.validate(Kv.scan("", 10_000));
    }

    @Test
    void revision_rules() {
        assertThatThrownBy(() -> validator.validate(new KvCommand.CompareAndSet("k", -1, b("v"), Optional.empty())))
                .isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> validator.validate(new KvCommand.CompareAndDelete("k", 0)))
                .isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> validator.validate(new KvCommand.Compact(0)))
                .isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> validator.validate(new KvCommand.DeletePrefix("")))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void all_violations_share_one_supertype() {
        assertThat(List.of(new InvalidKeyException("x"), new ValueTooLargeException("x"),
                new InvalidTtlException("x"), new InvalidScanException("x"), new InvalidRevisionException("x")))
                .allMatch(e -> e instanceof KvValidationException);
    }

    @Test
    void bad_commands_applied_yield_rejected_results_and_leave_state_unchanged() {
        KvStateMachine machine = new KvStateMachine(KvLimits.DEFAULT.withMaxValueBytes(8));
        KvStore store = machine.store();
        store.apply(put("a", "1", 1000), 10);
        store.apply(put("b", "2"), 10);
        byte[] before = machine.snapshot();

        List<KvCommand> bad = List.of(
                put("", "v"),
                new KvCommand.Put("a", new byte[9], Optional.empty()),
                new KvCommand.PutIfAbsent("x".repeat(2000), b("v"), Optional.empty()),
                put("a", "v", Duration.ofDays(400).toMillis()),
                new KvCommand.CompareAndSet("a", -3, b("v"), Optional.empty()),
                new KvCommand.CompareAndDelete("a", 0),
                new KvCommand.DeletePrefix(""),
                new KvCommand.Delete(""),
                Kv.scan("", 0),
                new KvCommand.Compact(0),
                new KvCommand.Compact(99));
        for (KvCommand c : bad) {
            KvResult r = store.apply(c, 20);
            assertThat(r).as(c.toString()).isInstanceOf(KvResult.Rejected.class);
        }
        assertThat(machine.snapshot()).isEqualTo(before);
    }

    @Test
    void reads_validate_their_arguments() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        assertThatThrownBy(() -> store.get("", 0)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.scan("", Optional.empty(), 0, 0)).isInstanceOf(InvalidScanException.class);
    }

    @Test
    void limits_themselves_are_sane() {
        assertThatThrownBy(() -> KvLimits.DEFAULT.withMaxKeyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KvLimits.DEFAULT.withMaxValueBytes(KvLimits.HARD_MAX_VALUE_BYTES + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KvLimits.DEFAULT.withMaxTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
