package io.synod.core.check;

import io.synod.core.check.CounterModel.Increment;
import io.synod.core.check.CounterModel.Input;
import io.synod.core.check.CounterModel.Read;
import org.junit.jupiter.api.Test;

import static io.synod.core.check.CheckResult.Verdict.ILLEGAL;
import static io.synod.core.check.CheckResult.Verdict.OK;
import static org.assertj.core.api.Assertions.assertThat;

class CounterCheckTest {

    private final CounterModel model = new CounterModel();
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private CheckResult.Verdict check(History<Input, Long> h) {
        return checker.check(model, h.ops()).verdict();
    }

    @Test
    void concurrentIncrementsTakeDistinctValues() {
        var ok = new History<Input, Long>()
                .op(1, 0, 10, new Increment("c"), 2L)
                .op(2, 1, 9, new Increment("c"), 1L)
                .op(3, 11, 12, new Read("c"), 2L);
        assertThat(check(ok)).isEqualTo(OK);

        var duplicate = new History<Input, Long>()
                .op(1, 0, 10, new Increment("c"), 1L)
                .op(2, 1, 9, new Increment("c"), 1L);
        assertThat(check(duplicate)).isEqualTo(ILLEGAL);
    }

    @Test
    void readMissingACompletedIncrementIsIllegal() {
        var h = new History<Input, Long>()
                .op(1, 0, 1, new Increment("c"), 1L)
                .op(2, 2, 3, new Read("c"), 0L);
        assertThat(check(h)).isEqualTo(ILLEGAL);
    }

    @Test
    void unknownIncrementIsEitherAppliedOrNotButNotBoth() {
        var applied = new History<Input, Long>()
                .unknown(1, 0, new Increment("c"))
                .op(2, 5, 6, new Read("c"), 1L);
        assertThat(check(applied)).isEqualTo(OK);

        var notApplied = new History<Input, Long>()
                .unknown(1, 0, new Increment("c"))
                .op(2, 5, 6, new Read("c"), 0L);
        assertThat(check(notApplied)).isEqualTo(OK);

        var flipFlop = new History<Input, Long>()
                .unknown(1, 0, new Increment("c"))
                .op(2, 5, 6, new Read("c"), 1L)
                .op(2, 7, 8, new Read("c"), 0L);
        assertThat(check(flipFlop)).isEqualTo(ILLEGAL);
    }

    @Test
    void twoUnknownIncrementsCanExplainAJumpOfTwo() {
        var h = new History<Input, Long>()
                .unknown(1, 0, new Increment("c"))
                .unknown(2, 0, new Increment("c"))
                .op(3, 5, 6, new Read("c"), 2L)
                .op(3, 7, 8, new Increment("c"), 3L);
        assertThat(check(h)).isEqualTo(OK);
    }
}
