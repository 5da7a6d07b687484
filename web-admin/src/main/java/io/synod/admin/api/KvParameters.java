package io.synod.admin.api;

import io.synod.api.Consistency;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The key-value ops API's query parameters, parsed by hand rather than by JAX-RS conversion so that a malformed
 * value is a 400 with a JSON body naming the parameter (JAX-RS would answer a bare 404 for a non-numeric number).
 */
public final class KvParameters {

    /** Page size of a scan when {@code limit} is not given. */
    static final int DEFAULT_SCAN_LIMIT = 100;

    private KvParameters() {
    }

    /** A query parameter that does not parse; the message is the client's. */
    public static final class BadParameterException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadParameterException(String message) {
            super(message);
        }
    }

    /** {@code linearizable} (default), {@code lease} or {@code local}, case-insensitive. */
    static Consistency consistency(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Consistency.LINEARIZABLE;
        }
        try {
            return Consistency.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("consistency must be linearizable, lease or local, got '" + raw + "'");
        }
    }

    /** Whole seconds, at least 1; absent means no TTL. */
    public static Optional<Duration> ttl(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        long seconds = number("ttl", raw);
        if (seconds < 1) {
            throw new BadParameterException("ttl must be a whole number of seconds >= 1, got " + raw);
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    /** A mod revision to compare with; 0 means "must be absent". */
    static Optional<Long> prevRevision(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        long revision = number("prevRevision", raw);
        if (revision < 0) {
            throw new BadParameterException("prevRevision must be >= 0 (0 = the key must be absent), got " + raw);
        }
        return Optional.of(revision);
    }

    /** At least 1; the upper bound is the store's own (checked there). */
    static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_SCAN_LIMIT;
        }
        long limit = number("limit", raw);
        if (limit < 1 || limit > Integer.MAX_VALUE) {
            throw new BadParameterException("limit must be >= 1, got " + raw);
        }
        return (int) limit;
    }

    private static long number(String name, String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name + " must be an integer, got '" + raw + "'");
        }
    }
}
