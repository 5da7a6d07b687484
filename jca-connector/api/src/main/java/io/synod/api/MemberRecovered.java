package io.synod.api;

import java.time.Instant;
import java.util.Objects;

/** A heartbeat arrived from a member that was suspected or condemned ({@code from} says which). */
public record MemberRecovered(String memberId, String observer, Instant at, MemberState from) implements MemberEvent {

    public MemberRecovered {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
    }
}
