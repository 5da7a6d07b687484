package io.synod.api;

import java.time.Instant;
import java.util.Objects;

/** The member fell silent for longer than its heartbeat history makes plausible; {@code phi} crossed the threshold. */
public record MemberSuspected(String memberId, String observer, Instant at, double phi) implements MemberEvent {

    public MemberSuspected {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(at, "at");
    }
}
