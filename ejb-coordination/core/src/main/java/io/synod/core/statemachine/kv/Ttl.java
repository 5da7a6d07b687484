package io.synod.core.statemachine.kv;

import java.time.Duration;
import java.util.Objects;

/**
 * A key's time-to-live, in whole milliseconds (the resolution of leader-stamped time). Always positive; the upper
 * bound is configurable and checked by {@link KvValidator}.
 */
public record Ttl(long millis) {

    public Ttl {
        if (millis < 1) {
            throw new InvalidTtlException("ttl must be at least 1 ms, got " + millis + " ms");
        }
    }

    /** @throws InvalidTtlException if {@code duration} is shorter than 1 ms or has a sub-millisecond part */
    public static Ttl of(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            throw new InvalidTtlException("ttl must be a positive whole number of milliseconds, got " + duration);
        }
        try {
            return new Ttl(duration.toMillis());
        } catch (ArithmeticException e) {
            throw new InvalidTtlException("ttl too long: " + duration);
        }
    }

    public static Ttl ofSeconds(long seconds) {
        return of(Duration.ofSeconds(seconds));
    }

    public Duration toDuration() {
        return Duration.ofMillis(millis);
    }
}
