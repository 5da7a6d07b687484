package io.synod.core.statemachine.lock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** tryAcquire(name, wait): the wait deadline is leader time, enforced by the sweep and at grant time. */
class LockWaitTest {

    private final LockGroup g = new LockGroup(LockLimits.DEFAULT);

    @BeforeEach
    void sessions() {
        g.at(0);
        g.open("s1", 60_000);
        g.open("s2", 60_000);
        g.open("s3", 60_000);
        g.acquire("x", "s1", "L1");
    }

    @Test
    void the_sweep_drops_waiters_whose_deadline_passed_and_keeps_the_rest() {
        g.at(100).tryAcquire("x", "s2", "L2", 400);   // gives up at 500
        g.at(100).tryAcquire("x", "s3", "L3", 1_000); // gives up at 1_100

        assertThat(g.at(499).expireWaiters()).isEqualTo(new LockResult.WaitersExpired(0, 0));
        assertThat(g.at(500).expireWaiters()).isEqualTo(new LockResult.WaitersExpired(1, 0));
        assertThat(g.waiters("x")).containsExactly("L3");
        assertThat(g.holder("x").leaseId()).isEqualTo("L1");
    }

    @Test
    void a_waiter_past_its_deadline_is_skipped_at_grant_time_even_without_a_sweep() {
        g.at(100).tryAcquire("x", "s2", "L2", 400);
        g.at(100).tryAcquire("x", "s3", "L3", 10_000);

        long index = g.nextIndex();
        LockResult r = g.at(600).release("x", "L1");

        assertThat(r).isEqualTo(new LockResult.Released("x", 0,
                Optional.of(new LockHolder("s3", "L3", index, 1, false, 600))));
        assertThat(g.waiters("x")).isEmpty();
    }

    @Test
    void a_waiter_whose_session_lapsed_is_skipped_at_grant_time() {
        g.open("brief", 200);
        g.at(100).acquire("x", "brief", "Lb");
        g.at(100).acquire("x", "s2", "L2");

        g.at(300).release("x", "L1"); // brief's deadline (200) passed; its expiry is not applied yet

        assertThat(g.holder("x").leaseId()).isEqualTo("L2");
        assertThat(g.holder("x").sessionId()).isEqualTo("s2");
    }

    @Test
    void the_sweep_also_drops_waiters_whose_session_lapsed() {
        g.open("brief", 200);
        g.at(100).acquire("x", "brief", "Lb");
        assertThat(g.at(200).expireWaiters()).isEqualTo(new LockResult.WaitersExpired(1, 0));
        assertThat(g.waiters("x")).isEmpty();
    }

    @Test
    void waiting_forever_never_times_out() {
        g.at(100).acquire("x", "s2", "L2");
        // now + WAIT_FOREVER saturates instead of wrapping into the past
        assertThat(g.view().lock("x").orElseThrow().waiters().get(0).deadlineMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(g.at(59_999).expireWaiters()).isEqualTo(new LockResult.WaitersExpired(0, 0));
        assertThat(g.waiters("x")).containsExactly("L2");
    }

    @Test
    void the_sweep_hands_the_lock_over_when_its_holder_is_gone_and_the_queue_has_live_waiters() {
        g.at(100).tryAcquire("x", "s2", "L2", 50);
        g.at(100).acquire("x", "s3", "L3");
        g.at(200).release("x", "L1");      // L2 is skipped at grant time: its wait ended at 150
        assertThat(g.holder("x").leaseId()).isEqualTo("L3");
        assertThat(g.expireWaiters()).isEqualTo(new LockResult.WaitersExpired(0, 0));
    }
}
