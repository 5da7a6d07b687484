package io.synod.core.statemachine.session;

import java.util.Objects;

/** What the console and the ops API show of a session at a given time: owner, last heartbeat, TTL left. */
public record SessionInfo(String id, String owner, long ttlMillis, long lastHeartbeatMillis, long ttlLeftMillis) {

    public SessionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
    }

    static SessionInfo of(Session s, long nowMillis) {
        return new SessionInfo(s.id(), s.owner(), s.ttlMillis(), s.lastHeartbeatMillis(),
                Math.max(0, s.deadlineMillis() - nowMillis));
    }

    public boolean lapsed() {
        return ttlLeftMillis == 0;
    }
}
