package io.synod.core.statemachine.lock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LockAcquireReleaseTest {

    private final LockGroup g = new LockGroup(new LockLimits(3, 2, Duration.ZERO));

    @BeforeEach
    void sessions() {
        g.at(1_000);
        g.open("s1", 60_000);
        g.open("s2", 60_000);
        g.open("s3", 60_000);
        g.open("s4", 60_000);
    }

    @Test
    void a_free_lock_is_granted_with_the_granting_entry_index_as_token() {
        long index = g.nextIndex();
        assertThat(g.at(1_500).acquire("orders/42", "s1", "L1"))
                .isEqualTo(new LockResult.Granted("orders/42", index, 1, 1_500));
        assertThat(g.holder("orders/42")).isEqualTo(new LockHolder("s1", "L1", index, 1, false, 1_500));
        assertThat(g.view().heldBy("s1")).extracting(LockInfo::name).containsExactly("orders/42");
    }

    @Test
    void a_taken_lock_queues_waiters_in_fifo_order_and_hands_over_on_release() {
        g.acquire("x", "s1", "L1");
        assertThat(g.acquire("x", "s2", "L2")).isEqualTo(new LockResult.Queued("x", 1));
        assertThat(g.acquire("x", "s3", "L3")).isEqualTo(new LockResult.Queued("x", 2));
        assertThat(g.waiters("x")).containsExactly("L2", "L3");

        long releaseIndex = g.nextIndex();
        LockResult released = g.at(2_000).release("x", "L1");

        LockHolder next = new LockHolder("s2", "L2", releaseIndex, 1, false, 2_000);
        assertThat(released).isEqualTo(new LockResult.Released("x", 0, Optional.of(next)));
        assertThat(g.holder("x")).isEqualTo(next);
        assertThat(g.waiters("x")).containsExactly("L3");

        long third = g.nextIndex();
        g.release("x", "L2");
        assertThat(g.holder("x").leaseId()).isEqualTo("L3");
        assertThat(g.holder("x").token()).isEqualTo(third).isGreaterThan(releaseIndex);
    }

    @Test
    void release_of_the_last_holder_leaves_the_lock_free_but_remembered() {
        g.acquire("x", "s1", "L1");
        assertThat(g.release("x", "L1")).isEqualTo(new LockResult.Released("x", 0, Optional.empty()));
        LockInfo info = g.view().lock("x").orElseThrow();
        assertThat(info.holder()).isEmpty();
        assertThat(info.newestToken()).isEqualTo(g.index - 1);
        assertThat(g.acquire("x", "s2", "L2")).isInstanceOf(LockResult.Granted.class);
    }

    @Test
    void a_try_acquire_without_wait_on_a_taken_lock_is_busy_and_changes_nothing() {
        g.acquire("x", "s1", "L1");
        assertThat(g.tryAcquire("x", "s2", "L2", 0)).isEqualTo(new LockResult.Busy("x"));
        assertThat(g.waiters("x")).isEmpty();
    }

    @Test
    void reentrancy_is_opt_in_per_lease_and_counts_holds() {
        long token = g.nextIndex();
        g.acquireReentrant("x", "s1", "L1");
        assertThat(g.acquireReentrant("x", "s1", "L1")).isEqualTo(new LockResult.Granted("x", token, 2, 1_000));
        assertThat(g.acquire("x", "s1", "L1")).isEqualTo(new LockResult.Granted("x", token, 3, 1_000));
        g.acquire("x", "s2", "L2");

        assertThat(g.release("x", "L1")).isEqualTo(new LockResult.Released("x", 2, Optional.empty()));
        assertThat(g.release("x", "L1")).isEqualTo(new LockResult.Released("x", 1, Optional.empty()));
        assertThat(g.holder("x").leaseId()).isEqualTo("L1");
        assertThat(((LockResult.Released) g.release("x", "L1")).next().orElseThrow().leaseId()).isEqualTo("L2");
    }

    @Test
    void a_non_reentrant_lease_cannot_acquire_twice_and_another_lease_of_the_same_session_waits() {
        g.acquire("x", "s1", "L1");
        assertThat(g.acquire("x", "s1", "L1")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.NOT_REENTRANT);
        // Ownership is the lease's, not the session's: a second lease of s1 is just another contender.
        assertThat(g.acquire("x", "s1", "L1b")).isEqualTo(new LockResult.Queued("x", 1));
        assertThat(g.holder("x").holdCount()).isEqualTo(1);
    }

    @Test
    void a_queued_lease_acquiring_again_is_refused() {
        g.acquire("x", "s1", "L1");
        g.acquire("x", "s2", "L2");
        assertThat(g.acquire("x", "s2", "L2")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.ALREADY_WAITING);
        assertThat(g.waiters("x")).containsExactly("L2");
    }

    @Test
    void a_lease_id_belongs_to_one_session() {
        g.acquire("x", "s1", "L1");
        g.acquire("x", "s2", "L2");
        assertThat(g.acquireReentrant("x", "s3", "L1")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.LEASE_OF_OTHER_SESSION);
        assertThat(g.acquire("x", "s3", "L2")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.LEASE_OF_OTHER_SESSION);
    }

    @Test
    void release_by_a_waiter_cancels_its_wait_and_by_a_stranger_is_refused() {
        g.acquire("x", "s1", "L1");
        g.acquire("x", "s2", "L2");
        g.acquire("x", "s3", "L3");
        assertThat(g.release("x", "L2")).isEqualTo(new LockResult.WaitCancelled("x"));
        assertThat(g.waiters("x")).containsExactly("L3");
        assertThat(g.release("x", "nobody")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.NOT_HOLDER);
        assertThat(g.release("never-seen", "L1")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.NOT_HOLDER);
        assertThat(g.holder("x").leaseId()).isEqualTo("L1");
    }

    @Test
    void only_a_live_session_can_acquire() {
        assertThat(g.acquire("x", "ghost", "L")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.SESSION_NOT_LIVE);
        g.open("short", 100);
        assertThat(g.at(1_100).acquire("x", "short", "L")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.SESSION_NOT_LIVE);
        assertThat(g.view().lock("x")).isEmpty();
    }

    @Test
    void the_number_of_locks_and_of_waiters_per_lock_is_bounded() {
        g.acquire("a", "s1", "La");
        g.acquire("b", "s1", "Lb");
        g.acquire("c", "s1", "Lc");
        assertThat(g.acquire("d", "s1", "Ld")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.TOO_MANY_LOCKS);
        g.acquire("a", "s2", "L2");
        g.acquire("a", "s3", "L3");
        assertThat(g.acquire("a", "s4", "L4")).extracting(r -> ((LockResult.Rejected) r).violation())
                .isEqualTo(LockViolation.TOO_MANY_WAITERS);
        assertThat(g.view().size()).isEqualTo(3);
        assertThat(g.waiters("a")).containsExactly("L2", "L3");
    }

    @Test
    void locks_are_listed_in_name_order_with_holder_waiters_and_grant_time() {
        g.at(1_200).acquire("b", "s1", "L1");
        g.at(1_300).acquire("a", "s2", "L2");
        g.at(1_400).tryAcquire("a", "s3", "L3", 500);

        assertThat(g.view().locks()).extracting(LockInfo::name).containsExactly("a", "b");
        LockInfo a = g.view().lock("a").orElseThrow();
        assertThat(a.holder().orElseThrow().grantedAtMillis()).isEqualTo(1_300);
        assertThat(a.waiters()).containsExactly(new LockWaiter("s3", "L3", false, 1_400, 1_900));
    }
}
