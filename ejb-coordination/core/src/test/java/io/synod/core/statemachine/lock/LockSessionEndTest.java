package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.SessionResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything a session holds is released when it ends; a grant that follows takes the ending entry's index. */
class LockSessionEndTest {

    @Test
    void expiry_releases_every_lock_and_wait_of_the_session_and_hands_over_with_the_expiry_index() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT);
        g.at(0).open("dead", 1_000);
        g.open("live", 60_000);
        g.acquire("a", "dead", "Da");
        g.acquire("b", "dead", "Db");
        g.acquire("c", "live", "Lc");
        g.acquire("a", "live", "La");    // waits for a
        g.acquire("c", "dead", "Dc");    // dead waits for c

        long expiryIndex = g.nextIndex();
        assertThat(g.at(1_000).expire("dead")).isEqualTo(new SessionResult.Expired(List.of("dead")));

        assertThat(g.view().heldBy("dead")).isEmpty();
        assertThat(g.holder("a")).isEqualTo(new LockHolder("live", "La", expiryIndex, 1, false, 1_000));
        assertThat(g.view().lock("b").orElseThrow().holder()).isEmpty();
        assertThat(g.waiters("c")).isEmpty();
        assertThat(g.holder("c").leaseId()).isEqualTo("Lc");
    }

    @Test
    void close_releases_too() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT);
        g.at(0).open("s1", 60_000);
        g.open("s2", 60_000);
        g.acquire("x", "s1", "L1");
        g.acquire("x", "s2", "L2");

        long closeIndex = g.nextIndex();
        g.at(5).close("s1");

        assertThat(g.holder("x")).isEqualTo(new LockHolder("s2", "L2", closeIndex, 1, false, 5));
    }

    @Test
    void a_stale_expiry_of_a_renewed_session_releases_nothing() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT);
        g.at(0).open("s1", 1_000);
        g.acquire("x", "s1", "L1");
        g.at(900).keepAlive("s1");

        g.at(1_200).expire("s1");

        assertThat(g.holder("x").leaseId()).isEqualTo("L1");
    }

    @Test
    void after_an_expiry_the_lock_delay_keeps_the_lock_from_everyone_until_it_ends() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT.withLockDelay(Duration.ofMillis(5_000)));
        g.at(0).open("paused", 1_000);
        g.open("other", 60_000);
        g.open("third", 60_000);
        g.acquire("x", "paused", "P");
        g.acquire("x", "other", "O");

        g.at(1_000).expire("paused");
        LockInfo delayed = g.view().lock("x").orElseThrow();
        assertThat(delayed.holder()).isEmpty();
        assertThat(delayed.delayedUntilMillis()).hasValue(6_000);
        assertThat(g.at(5_999).tryAcquire("x", "third", "T", 0)).isEqualTo(new LockResult.Busy("x"));
        assertThat(g.expireWaiters()).isEqualTo(new LockResult.WaitersExpired(0, 0));
        assertThat(g.view().lock("x").orElseThrow().holder()).isEmpty();

        long sweepIndex = g.nextIndex();
        assertThat(g.at(6_000).expireWaiters()).isEqualTo(new LockResult.WaitersExpired(0, 1));
        assertThat(g.holder("x")).isEqualTo(new LockHolder("other", "O", sweepIndex, 1, false, 6_000));
        assertThat(g.view().lock("x").orElseThrow().delayedUntilMillis()).isEmpty();
    }

    @Test
    void when_the_delay_has_ended_an_acquire_serves_the_queue_first() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT.withLockDelay(Duration.ofMillis(100)));
        g.at(0).open("paused", 1_000);
        g.open("queued", 60_000);
        g.open("late", 60_000);
        g.acquire("x", "paused", "P");
        g.acquire("x", "queued", "Q");
        g.at(1_000).expire("paused");

        long index = g.nextIndex();
        assertThat(g.at(1_100).acquire("x", "late", "L")).isEqualTo(new LockResult.Queued("x", 1));
        assertThat(g.holder("x")).isEqualTo(new LockHolder("queued", "Q", index, 1, false, 1_100));
    }

    @Test
    void a_clean_close_or_release_never_delays() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT.withLockDelay(Duration.ofMinutes(1)));
        g.at(0).open("s1", 60_000);
        g.open("s2", 60_000);
        g.acquire("x", "s1", "A");
        g.acquire("y", "s1", "B");
        g.release("y", "B");
        g.close("s1");

        assertThat(g.view().lock("x").orElseThrow().delayedUntilMillis()).isEmpty();
        assertThat(g.acquire("x", "s2", "C")).isInstanceOf(LockResult.Granted.class);
        assertThat(g.acquire("y", "s2", "D")).isInstanceOf(LockResult.Granted.class);
    }

    @Test
    void closing_a_lapsed_session_counts_as_expiry_for_the_lock_delay() {
        LockGroup g = new LockGroup(LockLimits.DEFAULT.withLockDelay(Duration.ofMillis(500)));
        g.at(0).open("s1", 100);
        g.acquire("x", "s1", "A");
        g.at(200).close("s1");
        assertThat(g.view().lock("x").orElseThrow().delayedUntilMillis()).hasValue(700);
    }
}
