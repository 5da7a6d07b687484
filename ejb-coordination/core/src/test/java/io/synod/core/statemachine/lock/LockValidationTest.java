package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.CoordinationValidationException;
import io.synod.core.statemachine.session.InvalidSessionIdException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockValidationTest {

    private static LockCommand.Acquire acquire(String name, String session, String lease, long wait) {
        return new LockCommand.Acquire(name, session, lease, false, wait);
    }

    @Test
    void lock_names_are_1_to_256_characters_of_the_safe_charset() {
        LockNames.check("a");
        LockNames.check("orders/42:line@eu-west_1.v2");
        LockNames.check("n".repeat(256));
        for (String bad : new String[] {"", "n".repeat(257), "with space", "ü", "a*b", "a\u0000", "q?x=1", "%2F"}) {
            assertThatThrownBy(() -> LockNames.check(bad)).as(bad).isInstanceOf(InvalidLockNameException.class)
                    .isInstanceOf(CoordinationValidationException.class);
        }
    }

    @Test
    void every_bad_field_gets_its_typed_exception_before_proposal() {
        assertThatThrownBy(() -> LockValidator.validate(acquire("", "s", "l", 0)))
                .isInstanceOf(InvalidLockNameException.class);
        assertThatThrownBy(() -> LockValidator.validate(acquire("x", "", "l", 0)))
                .isInstanceOf(InvalidSessionIdException.class);
        assertThatThrownBy(() -> LockValidator.validate(acquire("x", "s", "", 0)))
                .isInstanceOf(InvalidLeaseIdException.class);
        assertThatThrownBy(() -> LockValidator.validate(acquire("x", "s", "l".repeat(129), 0)))
                .isInstanceOf(InvalidLeaseIdException.class);
        assertThatThrownBy(() -> LockValidator.validate(acquire("x", "s", "l", -1)))
                .isInstanceOf(InvalidWaitException.class);
        assertThatThrownBy(() -> LockValidator.validate(new LockCommand.Release("x", "")))
                .isInstanceOf(InvalidLeaseIdException.class);
        assertThatThrownBy(() -> LockValidator.validate(new LockCommand.Release("", "l")))
                .isInstanceOf(InvalidLockNameException.class);
        assertThatThrownBy(() -> LockValidator.validate(new LockCommand.CheckFence("x", 0)))
                .isInstanceOf(InvalidFenceTokenException.class);
        LockValidator.validate(acquire("x", "s", "l", 0));
        LockValidator.validate(acquire("x", "s", "l", LockCommand.WAIT_FOREVER));
        LockValidator.validate(new LockCommand.ExpireWaiters());
    }

    @Test
    void on_apply_a_bad_command_is_a_typed_rejection_and_the_state_is_unchanged() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT);
        g.at(0).open("s", 60_000);
        g.acquire("x", "s", "l");
        byte[] before = g.locks.snapshot();

        assertThat(violation(g.lock(acquire("bad name", "s", "l2", 0)))).isEqualTo(LockViolation.INVALID_LOCK_NAME);
        assertThat(violation(g.lock(acquire("n".repeat(257), "s", "l2", 0))))
                .isEqualTo(LockViolation.INVALID_LOCK_NAME);
        assertThat(violation(g.lock(acquire("y", "", "l2", 0)))).isEqualTo(LockViolation.INVALID_SESSION_ID);
        assertThat(violation(g.lock(acquire("y", "s", "", 0)))).isEqualTo(LockViolation.INVALID_LEASE_ID);
        assertThat(violation(g.lock(acquire("x", "s", "l2", -5)))).isEqualTo(LockViolation.INVALID_WAIT);
        assertThat(violation(g.lock(new LockCommand.Release("x", "")))).isEqualTo(LockViolation.INVALID_LEASE_ID);
        assertThat(violation(g.lockBytes(new byte[] {1, 1, 0}))).isEqualTo(LockViolation.MALFORMED_COMMAND);
        assertThat(violation(g.lockBytes(new byte[0]))).isEqualTo(LockViolation.MALFORMED_COMMAND);

        byte[] after = g.locks.snapshot();
        // Everything but lastApplied (bytes 1..8) is identical: no lock, waiter or token changed.
        assertThat(Arrays.copyOfRange(after, 9, after.length)).isEqualTo(Arrays.copyOfRange(before, 9, before.length));
        assertThat(g.view().locks()).extracting(LockInfo::name).containsExactly("x");
    }

    private static LockViolation violation(LockResult r) {
        assertThat(r).isInstanceOf(LockResult.Rejected.class);
        return ((LockResult.Rejected) r).violation();
    }
}
