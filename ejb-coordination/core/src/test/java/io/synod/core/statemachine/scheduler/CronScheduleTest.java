package io.synod.core.statemachine.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    private static long utc(String iso) {
        return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC) * 1000;
    }

    @Test
    void next_occurrences_are_computed_in_utc_from_the_given_time() {
        assertThat(CronSchedule.parse("*/15 * * * *").nextAfter(utc("2026-11-25T13:07:31")))
                .hasValue(utc("2026-11-25T13:15:00"));
        assertThat(CronSchedule.parse("0 3 * * 1").nextAfter(utc("2026-11-25T13:07:00"))) // Wednesday
                .hasValue(utc("2026-11-30T03:00:00")); // next Monday
        assertThat(CronSchedule.parse("30 2 1 * *").nextAfter(utc("2026-12-15T00:00:00")))
                .hasValue(utc("2027-01-01T02:30:00"));
    }

    @Test
    void the_next_occurrence_is_strictly_after_even_on_an_exact_match() {
        long onTheDot = utc("2026-11-25T13:15:00");
        assertThat(CronSchedule.parse("*/15 * * * *").nextAfter(onTheDot)).hasValue(utc("2026-11-25T13:30:00"));
        assertThat(CronSchedule.parse("*/15 * * * *").nextAfter(onTheDot - 1)).hasValue(onTheDot);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "* * * *", "* * * * * *", "61 * * * *", "* 24 * * *", "not cron", "*/0 * * * *"})
    void malformed_expressions_are_typed_errors(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression)).isInstanceOf(InvalidCronException.class)
                .extracting(e -> ((InvalidCronException) e).violation()).isEqualTo(SchedulerViolation.INVALID_CRON);
    }

    @Test
    void an_overlong_expression_is_refused_before_parsing() {
        assertThatThrownBy(() -> CronSchedule.parse("* ".repeat(200))).isInstanceOf(InvalidCronException.class);
    }
}
