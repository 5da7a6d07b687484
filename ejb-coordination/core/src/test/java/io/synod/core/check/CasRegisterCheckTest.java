package io.synod.core.check;

import io.synod.core.check.CasRegisterModel.Cas;
import io.synod.core.check.CasRegisterModel.Get;
import io.synod.core.check.CasRegisterModel.Input;
import io.synod.core.check.CasRegisterModel.Output;
import io.synod.core.check.CasRegisterModel.Put;
import io.synod.core.check.CasRegisterModel.Swapped;
import io.synod.core.check.CasRegisterModel.Value;
import io.synod.core.check.CasRegisterModel.Written;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.synod.core.check.CheckResult.Verdict.ILLEGAL;
import static io.synod.core.check.CheckResult.Verdict.OK;
import static io.synod.core.check.CheckResult.Verdict.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class CasRegisterCheckTest {

    private static final Output OK_W = new Written();
    private final CasRegisterModel model = new CasRegisterModel();
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private static Output val(long v) {
        return new Value(Optional.of(v));
    }

    private static Output absent() {
        return new Value(Optional.empty());
    }

    private CheckResult check(History<Input, Output> h) {
        return checker.check(model, h.ops());
    }

    @Test
    void sequentialHistoryIsLinearizable() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Get("x"), absent())
                .op(1, 2, 3, new Put("x", 7), OK_W)
                .op(2, 4, 5, new Get("x"), val(7))
                .op(2, 6, 7, new Cas("x", 7, 8), new Swapped(true))
                .op(1, 8, 9, new Cas("x", 7, 9), new Swapped(false))
                .op(1, 10, 11, new Get("x"), val(8));
        assertThat(check(h).verdict()).isEqualTo(OK);
    }

    @Test
    void readConcurrentWithWriteMaySeeEitherValue() {
        var h = new History<Input, Output>()
                .op(1, 0, 10, new Put("x", 1), OK_W)
                .op(2, 1, 2, new Get("x"), val(1))
                .op(3, 3, 4, new Get("x"), val(1))
                .op(4, 0, 20, new Get("x"), absent());
        assertThat(check(h).verdict()).isEqualTo(OK);
    }

    @Test
    void readsGoingBackInTimeDuringAWriteAreIllegal() {
        // The put is concurrent with both reads, but it takes effect at one instant: once a read has seen 1,
        // a later read cannot see the register empty again.
        var h = new History<Input, Output>()
                .op(1, 0, 10, new Put("x", 1), OK_W)
                .op(2, 1, 2, new Get("x"), val(1))
                .op(3, 3, 4, new Get("x"), absent());
        assertThat(check(h).verdict()).isEqualTo(ILLEGAL);
    }

    @Test
    void staleReadAfterAcknowledgedWriteIsIllegal() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .op(1, 2, 3, new Put("x", 2), OK_W)
                .op(2, 4, 5, new Get("x"), val(1));
        CheckResult result = check(h);
        assertThat(result.verdict()).isEqualTo(ILLEGAL);
        assertThat(result.explanation()).hasValueSatisfying(e -> {
            assertThat(e.key()).isEqualTo("x");
            assertThat(e.operations()).isEqualTo(3);
            assertThat(e.longestPrefix()).containsExactly(
                    "c1 put(x, 1) -> ok [0, 1]", "c1 put(x, 2) -> ok [2, 3]");
        });
    }

    @Test
    void lostWriteIsIllegal() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .op(2, 2, 3, new Get("x"), absent());
        assertThat(check(h).verdict()).isEqualTo(ILLEGAL);
    }

    @Test
    void unknownWriteMustBeAssumedAppliedWhenItIsObserved() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .unknown(2, 2, new Put("x", 2))
                .op(3, 50, 51, new Get("x"), val(2));
        assertThat(check(h).verdict()).isEqualTo(OK);
    }

    @Test
    void unknownWriteMayBeAssumedNeverApplied() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .unknown(2, 2, new Put("x", 2))
                .op(3, 50, 51, new Get("x"), val(1))
                .op(3, 60, 61, new Get("x"), val(1));
        assertThat(check(h).verdict()).isEqualTo(OK);
    }

    @Test
    void unknownWriteOnceObservedCannotBeUndone() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .unknown(2, 2, new Put("x", 2))
                .op(3, 50, 51, new Get("x"), val(2))
                .op(3, 60, 61, new Get("x"), val(1));
        assertThat(check(h).verdict()).isEqualTo(ILLEGAL);
    }

    @Test
    void unknownWriteCannotTakeEffectBeforeItWasInvoked() {
        var h = new History<Input, Output>()
                .op(3, 0, 1, new Get("x"), val(2))
                .unknown(2, 5, new Put("x", 2));
        assertThat(check(h).verdict()).isEqualTo(ILLEGAL);
    }

    @Test
    void twoConcurrentCasFromTheSameValueCannotBothSwap() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .op(2, 2, 10, new Cas("x", 1, 2), new Swapped(true))
                .op(3, 3, 11, new Cas("x", 1, 3), new Swapped(true));
        assertThat(check(h).verdict()).isEqualTo(ILLEGAL);

        var oneWins = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .op(2, 2, 10, new Cas("x", 1, 2), new Swapped(true))
                .op(3, 3, 11, new Cas("x", 1, 3), new Swapped(false))
                .op(1, 12, 13, new Get("x"), val(2));
        assertThat(check(oneWins).verdict()).isEqualTo(OK);
    }

    @Test
    void unknownCasIsAppliedOnlyIfItMatches() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("x", 1), OK_W)
                .unknown(2, 2, new Cas("x", 5, 9))
                .op(3, 20, 21, new Get("x"), val(9));
        assertThat(check(h).verdict()).isEqualTo(ILLEGAL);
    }

    @Test
    void keysAreCheckedIndependentlyAndTheExplanationNamesTheBadKey() {
        var h = new History<Input, Output>()
                .op(1, 0, 1, new Put("a", 1), OK_W)
                .op(1, 2, 3, new Get("a"), val(1))
                .op(2, 0, 1, new Put("b", 1), OK_W)
                .op(2, 2, 3, new Get("b"), val(4));
        CheckResult result = check(h);
        assertThat(result.verdict()).isEqualTo(ILLEGAL);
        assertThat(result.explanation().orElseThrow().key()).isEqualTo("b");
    }

    @Test
    void exhaustedBudgetGivesUnknownNotOk() {
        // Twelve fully concurrent writes and a final read: finding the one order that ends with the value
        // read takes many steps, far more than the tiny budget allows.
        var h = new History<Input, Output>();
        for (int i = 1; i <= 12; i++) {
            h.op(i, 0, 100, new Put("x", i), OK_W);
        }
        h.op(20, 0, 100, new Get("x"), val(1));
        h.op(20, 101, 102, new Get("x"), val(3));
        assertThat(new LinearizabilityChecker(50).check(model, h.ops()).verdict()).isEqualTo(UNKNOWN);
        assertThat(new LinearizabilityChecker().check(model, h.ops()).verdict()).isEqualTo(OK);
    }

    @Test
    void anIllegalKeyIsReportedEvenIfAnotherKeyExhaustsItsBudget() {
        var h = new History<Input, Output>();
        for (int i = 1; i <= 12; i++) {
            h.op(i, 0, 100, new Put("a", i), OK_W);
        }
        h.op(20, 101, 102, new Get("a"), val(3));
        h.op(1, 0, 1, new Put("b", 1), OK_W).op(2, 2, 3, new Get("b"), absent());
        assertThat(new LinearizabilityChecker(20).check(model, h.ops()).verdict()).isEqualTo(ILLEGAL);
    }
}
