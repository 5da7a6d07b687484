package io.synod.core.statemachine;

import java.util.Objects;

/**
 * A command as a service sees it when applied: its log position, the deterministic time to apply it at, and the
 * envelope. {@code timeMillis} is the leader-stamped time clamped to never run backwards across leader changes
 * (two leaders' clocks may disagree), so TTLs computed from it are monotonic on every replica.
 */
public record AppliedCommand(long index, long timeMillis, CommandEnvelope envelope) {

    public AppliedCommand {
        Objects.requireNonNull(envelope, "envelope");
        if (index < 1) {
            throw new IllegalArgumentException("log index starts at 1, got " + index);
        }
        if (timeMillis < 0) {
            throw new IllegalArgumentException("time must be >= 0, got " + timeMillis);
        }
    }

    public byte[] payload() {
        return envelope.payload();
    }
}
