package io.synod.core.statemachine.scheduler;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A 5-field UNIX cron expression ({@code minute hour day-of-month month day-of-week}) evaluated in UTC, on
 * cron-utils. Next occurrences are computed from a time passed in (the entry's leader time), never from a clock.
 *
 * <p>UTC only, deliberately: a zone with daylight saving time would make the next occurrence depend on each
 * replica's tz database version, and replicas must agree to the millisecond.
 */
public final class CronSchedule {

    /** Longest expression accepted (also the decode bound). */
    public static final int MAX_EXPRESSION_LENGTH = 256;

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final CronParser PARSER = new CronParser(UNIX);

    private final String expression;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /** @throws InvalidCronException if {@code expression} is not a valid 5-field UNIX cron expression */
    public static CronSchedule parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank() || expression.length() > MAX_EXPRESSION_LENGTH) {
            throw new InvalidCronException("cron expression must be non-blank and at most " + MAX_EXPRESSION_LENGTH
                    + " characters");
        }
        try {
            Cron cron = PARSER.parse(expression).validate();
            return new CronSchedule(expression, ExecutionTime.forCron(cron));
        } catch (RuntimeException e) {
            // cron-utils reports bad input as IllegalArgumentException and friends; the message says what is wrong.
            throw new InvalidCronException("invalid cron expression '" + expression + "': " + e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** The first occurrence strictly after {@code afterMillis} (epoch millis, UTC); empty if there is none. */
    public OptionalLong nextAfter(long afterMillis) {
        ZonedDateTime after = LocalDateTime.ofEpochSecond(Math.floorDiv(afterMillis, 1000),
                (int) Math.floorMod(afterMillis, 1000) * 1_000_000, ZoneOffset.UTC).atZone(ZoneOffset.UTC);
        Optional<ZonedDateTime> next;
        try {
            next = executionTime.nextExecution(after);
        } catch (RuntimeException e) {
            // Defensive: a library bug on some exotic expression must not take down apply on every replica.
            return OptionalLong.empty();
        }
        if (next.isEmpty()) {
            return OptionalLong.empty();
        }
        long millis = next.get().toEpochSecond() * 1000;
        return millis > afterMillis ? OptionalLong.of(millis) : OptionalLong.empty();
    }
}
