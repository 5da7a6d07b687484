package io.synod.core.statemachine;

import io.synod.core.codec.Utf8;

import java.util.Objects;

/**
 * Who sent a command, for duplicate detection (thesis §6.3). Chosen by the client library (typically a random
 * UUID per client instance) and stable across its retries.
 */
public record ClientId(String value) implements Comparable<ClientId> {

    /** Encoded length bound; also what the envelope decoder accepts. */
    public static final int MAX_BYTES = 128;

    public ClientId {
        Objects.requireNonNull(value, "value");
        int bytes = Utf8.encodedLength(value);
        if (value.isBlank() || bytes == Utf8.MALFORMED || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("client id must be non-blank, well-formed and at most "
                    + MAX_BYTES + " UTF-8 bytes: '" + value + "'");
        }
    }

    public static ClientId of(String value) {
        return new ClientId(value);
    }

    @Override
    public int compareTo(ClientId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
