package io.synod.core.check;

import io.synod.core.check.FencedLockModel.Acquire;
import io.synod.core.check.FencedLockModel.Busy;
import io.synod.core.check.FencedLockModel.Granted;
import io.synod.core.check.FencedLockModel.Input;
import io.synod.core.check.FencedLockModel.NotHeld;
import io.synod.core.check.FencedLockModel.Output;
import io.synod.core.check.FencedLockModel.Release;
import io.synod.core.check.FencedLockModel.Released;
import org.junit.jupiter.api.Test;

import static io.synod.core.check.CheckResult.Verdict.ILLEGAL;
import static io.synod.core.check.CheckResult.Verdict.OK;
import static org.assertj.core.api.Assertions.assertThat;

class FencedLockCheckTest {

    private final FencedLockModel model = new FencedLockModel();
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private CheckResult.Verdict check(History<Input, Output> h) {
        return checker.check(model, h.ops()).verdict();
    }

    @Test
    void handOverWithIncreasingTokensIsLinearizable() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Acquire("L", 1), new Granted(4))
                .op(2, 2, 3, new Acquire("L", 2), new Busy())
                .op(1, 4, 5, new Release("L", 1), new Released())
                .op(2, 6, 7, new Acquire("L", 2), new Granted(9))
                .op(1, 8, 9, new Release("L", 1), new NotHeld());
        assertThat(check(h)).isEqualTo(OK);
    }

    @Test
    void twoHoldersAtOnceAreIllegal() {
        var h = new History<Input, Output>()
                .op(1, 0, 5, new Acquire("L", 1), new Granted(4))
                .op(2, 1, 6, new Acquire("L", 2), new Granted(5));
        assertThat(check(h)).isEqualTo(ILLEGAL);
    }

    @Test
    void concurrentAcquiresAreFineIfOneIsReleasedInBetween() {
        var h = new History<Input, Output>()
                .op(1, 0, 10, new Acquire("L", 1), new Granted(4))
                .op(1, 11, 12, new Release("L", 1), new Released())
                .op(2, 1, 20, new Acquire("L", 2), new Granted(7));
        assertThat(check(h)).isEqualTo(OK);
    }

    @Test
    void tokensThatDoNotIncreaseAreIllegal() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Acquire("L", 1), new Granted(8))
                .op(1, 2, 3, new Release("L", 1), new Released())
                .op(2, 4, 5, new Acquire("L", 2), new Granted(8));
        assertThat(check(h)).isEqualTo(ILLEGAL);
    }

    @Test
    void busyOnAFreeLockIsIllegal() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Acquire("L", 1), new Busy());
        assertThat(check(h)).isEqualTo(ILLEGAL);
    }

    @Test
    void releaseByANonHolderCannotSucceed() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Acquire("L", 1), new Granted(3))
                .op(2, 2, 3, new Release("L", 2), new Released());
        assertThat(check(h)).isEqualTo(ILLEGAL);
    }

    @Test
    void unknownAcquireExplainsALaterBusy() {
        var h = new History<Input, Output>()
                .unknown(1, 0, new Acquire("L", 1))
                .op(2, 10, 11, new Acquire("L", 2), new Busy())
                .op(1, 12, 13, new Release("L", 1), new Released())
                .op(2, 14, 15, new Acquire("L", 2), new Granted(6));
        assertThat(check(h)).isEqualTo(OK);
    }

    @Test
    void unknownAcquireMayNeverHaveHappened() {
        var h = new History<Input, Output>()
                .unknown(1, 0, new Acquire("L", 1))
                .op(2, 10, 11, new Acquire("L", 2), new Granted(2))
                .op(1, 12, 13, new Release("L", 1), new NotHeld());
        assertThat(check(h)).isEqualTo(OK);
    }

    @Test
    void locksAreIndependent() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Acquire("A", 1), new Granted(2))
                .op(2, 0, 1, new Acquire("B", 2), new Granted(3));
        assertThat(check(h)).isEqualTo(OK);
    }
}
