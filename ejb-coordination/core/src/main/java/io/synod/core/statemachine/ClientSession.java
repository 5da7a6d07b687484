package io.synod.core.statemachine;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the duplicate filter remembers of one client: its highest applied sequence number, the encoded result of
 * that command (replayed verbatim to a retry), and the leader time it was last heard from. {@code lastResult} is
 * owned by the session.
 */
public record ClientSession(ClientId clientId, long lastSequence, byte[] lastResult, long lastActiveMillis) {

    public ClientSession {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(lastResult, "lastResult");
        if (lastSequence < 1 || lastActiveMillis < 0) {
            throw new IllegalArgumentException("sequence must be >= 1 and time >= 0: " + lastSequence + ", "
                    + lastActiveMillis);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSession s && lastSequence == s.lastSequence
                && lastActiveMillis == s.lastActiveMillis && clientId.equals(s.clientId)
                && Arrays.equals(lastResult, s.lastResult);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, lastSequence, lastActiveMillis) * 31 + Arrays.hashCode(lastResult);
    }

    @Override
    public String toString() {
        return "ClientSession[" + clientId + "#" + lastSequence + " @" + lastActiveMillis + ", "
                + lastResult.length + "B]";
    }
}
