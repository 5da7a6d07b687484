package io.synod.core.statemachine.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionValidationTest {

    private static final SessionLimits LIMITS = new SessionLimits(Duration.ofSeconds(30), 10, 3);
    private final SessionValidator validator = new SessionValidator(LIMITS);

    @Test
    void bad_requests_get_typed_exceptions_sharing_one_parent() {
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("", "o", 10)))
                .isInstanceOf(InvalidSessionIdException.class).isInstanceOf(CoordinationValidationException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("x".repeat(129), "o", 10)))
                .isInstanceOf(InvalidSessionIdException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("a\nb", "o", 10)))
                .isInstanceOf(InvalidSessionIdException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("\uD800", "o", 10)))
                .isInstanceOf(InvalidSessionIdException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("s", "", 10)))
                .isInstanceOf(InvalidOwnerException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("s", "o", 0)))
                .isInstanceOf(InvalidSessionTtlException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("s", "o", -5)))
                .isInstanceOf(InvalidSessionTtlException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Open("s", "o", 30_001)))
                .isInstanceOf(InvalidSessionTtlException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.KeepAlive("")))
                .isInstanceOf(InvalidSessionIdException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Close("")))
                .isInstanceOf(InvalidSessionIdException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Expire(List.of())))
                .isInstanceOf(InvalidExpiryBatchException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Expire(List.of("a", "b", "c", "d"))))
                .isInstanceOf(InvalidExpiryBatchException.class);
        assertThatThrownBy(() -> validator.validate(new SessionCommand.Expire(List.of("a", ""))))
                .isInstanceOf(InvalidSessionIdException.class);
    }

    @Test
    void limits_at_their_bounds_are_accepted() {
        validator.validate(new SessionCommand.Open("x".repeat(128), "ü".repeat(64), 30_000));
        validator.validate(new SessionCommand.Open("s", "o", 1));
        validator.validate(new SessionCommand.Expire(Collections.nCopies(3, "a")));
    }

    @Test
    void on_apply_the_same_checks_reject_with_a_typed_result_and_change_nothing() {
        Sessions s = new Sessions(LIMITS);
        s.open("keep", 1_000);
        byte[] before = s.machine.snapshot();
        long appliedBefore = s.machine.lastApplied();

        assertThat(s.open("", 100)).isEqualTo(new SessionResult.Rejected(SessionViolation.INVALID_SESSION_ID,
                "session id must be 1..128 UTF-8 bytes, got 0"));
        assertThat(s.apply(new SessionCommand.Open("s", "o", 60_000)))
                .extracting(r -> ((SessionResult.Rejected) r).violation()).isEqualTo(SessionViolation.INVALID_TTL);
        assertThat(s.apply(new SessionCommand.Open("s", "", 10)))
                .extracting(r -> ((SessionResult.Rejected) r).violation()).isEqualTo(SessionViolation.INVALID_OWNER);
        assertThat(s.apply(new SessionCommand.Expire(List.of())))
                .extracting(r -> ((SessionResult.Rejected) r).violation())
                .isEqualTo(SessionViolation.INVALID_EXPIRY_BATCH);
        assertThat(s.applyBytes(new byte[] {1, 99}))
                .extracting(r -> ((SessionResult.Rejected) r).violation())
                .isEqualTo(SessionViolation.MALFORMED_COMMAND);

        assertThat(s.view().sessions(0)).extracting(SessionInfo::id).containsExactly("keep");
        assertThat(s.machine.lastApplied()).isEqualTo(appliedBefore + 5);
        // Same table: the snapshots differ only in the lastApplied field (bytes 1..8).
        byte[] after = s.machine.snapshot();
        assertThat(java.util.Arrays.copyOfRange(after, 9, after.length))
                .isEqualTo(java.util.Arrays.copyOfRange(before, 9, before.length));
    }
}
