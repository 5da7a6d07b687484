package io.synod.api;

import java.time.Instant;
import java.util.Objects;

/** The member stayed suspected since {@code suspectedSince} for the configured condemn-after duration. */
public record MemberCondemned(String memberId, String observer, Instant at, Instant suspectedSince)
        implements MemberEvent {

    public MemberCondemned {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(suspectedSince, "suspectedSince");
    }
}
