package io.synod.core.statemachine.lock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A write fenced by token T is refused once a newer token has been granted for the lock. */
class LockFenceTest {

    private final LockGroup g = new LockGroup(LockLimits.DEFAULT);

    @Test
    void verdicts_follow_the_newest_granted_token() {
        g.at(0).open("s1", 1_000);
        g.open("s2", 60_000);
        long t1 = g.nextIndex();
        g.acquire("x", "s1", "A");
        g.acquire("x", "s2", "B");

        assertThat(g.view().checkFence("x", t1))
                .isEqualTo(new FenceCheck("x", t1, t1, FenceCheck.Verdict.CURRENT));
        assertThat(g.view().checkFence("x", t1).accepted()).isTrue();

        // The paused holder's session expires; B gets the lock with a newer token.
        long t2 = g.nextIndex();
        g.at(1_000).expire("s1");
        assertThat(g.holder("x").token()).isEqualTo(t2);

        FenceCheck zombie = g.view().checkFence("x", t1);
        assertThat(zombie.verdict()).isEqualTo(FenceCheck.Verdict.SUPERSEDED);
        assertThat(zombie.accepted()).isFalse();
        assertThat(zombie.newestToken()).isEqualTo(t2);

        g.release("x", "B");
        assertThat(g.view().checkFence("x", t2).verdict()).isEqualTo(FenceCheck.Verdict.RELEASED);
        assertThat(g.view().checkFence("x", t2).accepted()).isTrue();
        assertThat(g.view().checkFence("x", t2 + 1).verdict()).isEqualTo(FenceCheck.Verdict.UNKNOWN);
        assertThat(g.view().checkFence("never", 1))
                .isEqualTo(new FenceCheck("never", 1, 0, FenceCheck.Verdict.UNKNOWN));
    }

    @Test
    void the_check_through_the_log_gives_the_same_answer() {
        g.at(0).open("s1", 60_000);
        long t = g.nextIndex();
        g.acquire("x", "s1", "A");

        assertThat(g.fence("x", t)).isEqualTo(new LockResult.Fence(g.view().checkFence("x", t)));
        assertThat(g.fence("x", t - 1)).isEqualTo(new LockResult.Fence(
                new FenceCheck("x", t - 1, t, FenceCheck.Verdict.SUPERSEDED)));
        assertThat(g.fence("x", 0)).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.INVALID_TOKEN);
    }
}
