package io.synod.core.statemachine;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a NORMAL log entry carries: one client's command for one service.
 *
 * <p>{@code clientId} + {@code sequence} make a retried request recognisable so it is applied once (thesis §6.3).
 * {@code leaderTimeMillis} is the leader's wall clock when it proposed the entry (epoch millis); it is the only
 * clock a state machine ever sees, so every replica computes the same expiries. {@code payload} is owned by
 * the envelope and is interpreted by the target service alone.
 */
public record CommandEnvelope(ClientId clientId, long sequence, long leaderTimeMillis, ServiceId service,
                              byte[] payload) {

    public CommandEnvelope {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(payload, "payload");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
        }
        if (leaderTimeMillis < 0) {
            throw new IllegalArgumentException("leader time must be >= 0, got " + leaderTimeMillis);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandEnvelope e
                && sequence == e.sequence && leaderTimeMillis == e.leaderTimeMillis
                && clientId.equals(e.clientId) && service == e.service && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, sequence, leaderTimeMillis, service) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "CommandEnvelope[" + clientId + "#" + sequence + " @" + leaderTimeMillis + " " + service + " "
                + payload.length + "B]";
    }
}
