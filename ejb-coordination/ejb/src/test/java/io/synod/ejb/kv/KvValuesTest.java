package io.synod.ejb.kv;

import io.synod.api.CasResult;
import io.synod.api.KeyValue;
import io.synod.api.ScanPage;
import io.synod.api.ValueTooLargeException;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvViolation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvValuesTest {

    private static final io.synod.core.statemachine.kv.KeyValue CORE = new io.synod.core.statemachine.kv.KeyValue(
            "cfg/x", "v".getBytes(StandardCharsets.UTF_8), 3, 7, 2, OptionalLong.of(1_700_000_000_000L));

    @Test
    void aKeyKeepsItsRevisionsAndItsExpiryAsAnInstant() {
        KeyValue kv = KvValues.toApi(CORE);
        assertThat(kv.key()).isEqualTo("cfg/x");
        assertThat(kv.valueAsString()).isEqualTo("v");
        assertThat(kv.createRevision()).isEqualTo(3);
        assertThat(kv.modRevision()).isEqualTo(7);
        assertThat(kv.version()).isEqualTo(2);
        assertThat(kv.expiresAt()).contains(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void aFailedConditionIsAnOrdinaryResultCarryingWhatWasFound() {
        CasResult failed = KvValues.cas(new KvResult.CasFailed(9, Optional.of(CORE)));
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.currentRevision()).isEqualTo(7);
        assertThat(failed.revision()).isEqualTo(9);

        CasResult absent = KvValues.cas(new KvResult.CasFailed(9, Optional.empty()));
        assertThat(absent.currentRevision()).isZero();

        CasResult written = KvValues.cas(new KvResult.Put(10, Optional.of(CORE)));
        assertThat(written.succeeded()).isTrue();
        assertThat(written.revision()).isEqualTo(10);
        assertThat(written.current()).isEmpty();
    }

    @Test
    void deletesAndScansMap() {
        assertThat(KvValues.deleted(new KvResult.Delete(4, 1))).isTrue();
        assertThat(KvValues.deleted(new KvResult.Delete(4, 0))).isFalse();
        ScanPage page = KvValues.page(new KvResult.Scan(12, List.of(CORE), true));
        assertThat(page.entries()).extracting(KeyValue::key).containsExactly("cfg/x");
        assertThat(page.more()).isTrue();
        assertThat(page.revision()).isEqualTo(12);
    }

    @Test
    void aReplicatedRejectionIsTheTypedBadInputAndAnyOtherSurpriseIsABug() {
        assertThatThrownBy(() -> KvValues.revision(new KvResult.Rejected(KvViolation.VALUE_TOO_LARGE, "too big")))
                .isInstanceOf(ValueTooLargeException.class).hasMessage("too big");
        assertThatThrownBy(() -> KvValues.page(new KvResult.Delete(1, 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theValueCannotBeChangedFromOutside() {
        KeyValue kv = KvValues.toApi(CORE);
        kv.value()[0] = 'X';
        assertThat(kv.valueAsString()).isEqualTo("v");
    }
}
