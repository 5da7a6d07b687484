package io.synod.admin.api;

import io.synod.api.Consistency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvParametersTest {

    @Test
    void absentParametersTakeTheirDefaults() {
        assertThat(KvParameters.consistency(null)).isEqualTo(Consistency.LINEARIZABLE);
        assertThat(KvParameters.ttl(null)).isEmpty();
        assertThat(KvParameters.prevRevision("")).isEmpty();
        assertThat(KvParameters.limit(null)).isEqualTo(KvParameters.DEFAULT_SCAN_LIMIT);
    }

    @Test
    void wellFormedValuesParse() {
        assertThat(KvParameters.consistency("Local")).isEqualTo(Consistency.LOCAL);
        assertThat(KvParameters.consistency("lease")).isEqualTo(Consistency.LEASE);
        assertThat(KvParameters.ttl("30")).contains(Duration.ofSeconds(30));
        assertThat(KvParameters.prevRevision("0")).as("0 = must be absent").contains(0L);
        assertThat(KvParameters.prevRevision("42")).contains(42L);
        assertThat(KvParameters.limit("5")).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "consistency, stale, 'consistency must be linearizable, lease or local'",
            "ttl, -1, 'ttl must be a whole number of seconds >= 1'",
            "ttl, 0, 'ttl must be a whole number of seconds >= 1'",
            "ttl, 1.5, 'ttl must be an integer'",
            "prevRevision, abc, 'prevRevision must be an integer'",
            "prevRevision, -3, 'prevRevision must be >= 0'",
            "limit, 0, 'limit must be >= 1'",
            "limit, 99999999999, 'limit must be >= 1'",
            "limit, ten, 'limit must be an integer'"
    })
    void malformedValuesAreRefusedNamingTheParameter(String name, String value, String expected) {
        assertThatThrownBy(() -> {
            switch (name) {
                case "consistency" -> KvParameters.consistency(value);
                case "ttl" -> KvParameters.ttl(value);
                case "prevRevision" -> KvParameters.prevRevision(value);
                default -> KvParameters.limit(value);
            }
        }).isInstanceOf(KvParameters.BadParameterException.class).hasMessageContaining(expected);
    }
}
