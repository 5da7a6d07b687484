package io.synod.core.statemachine.lock;

import io.synod.core.statemachine.session.SessionLimits;
import io.synod.core.statemachine.session.SessionTable;
import io.synod.core.statemachine.session.SessionCommand;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The model test is only as good as its checker: it must flag each kind of broken transition. */
class LockInvariantsTest {

    private final SessionTable sessions = new SessionTable(SessionLimits.DEFAULT);
    private final LockWaiter w2 = new LockWaiter("s2", "L2", false, 0, Long.MAX_VALUE);
    private final LockWaiter w3 = new LockWaiter("s3", "L3", false, 0, Long.MAX_VALUE);

    LockInvariantsTest() {
        for (String s : List.of("s1", "s2", "s3")) {
            sessions.apply(new SessionCommand.Open(s, "o", 60_000), 1, 0);
        }
    }

    private static LockInfo lock(Optional<LockHolder> holder, List<LockWaiter> waiters, long newest) {
        return new LockInfo("x", holder, waiters, newest, OptionalLong.empty());
    }

    private static LockHolder holder(String session, String lease, long token) {
        return new LockHolder(session, lease, token, 1, false, 10);
    }

    private List<String> check(LockInfo before, LockInfo after, LockInvariants.Step step) {
        return LockInvariants.violations(Map.of("x", before), Map.of("x", after), step, sessions);
    }

    private static LockInvariants.Step plain(long index) {
        return new LockInvariants.Step(index, 10, Optional.empty(), Set.of());
    }

    @Test
    void a_proper_handover_passes() {
        LockInfo before = lock(Optional.of(holder("s1", "L1", 5)), List.of(w2, w3), 5);
        LockInfo after = lock(Optional.of(holder("s2", "L2", 9)), List.of(w3), 9);
        var step = new LockInvariants.Step(9, 10, Optional.of(new LockCommand.Release("x", "L1")), Set.of());
        assertThat(check(before, after, step)).isEmpty();
    }

    @Test
    void each_broken_transition_is_flagged() {
        LockInfo held = lock(Optional.of(holder("s1", "L1", 5)), List.of(w2, w3), 5);
        // revoked without release
        assertThat(check(held, lock(Optional.of(holder("s2", "L2", 9)), List.of(w3), 9), plain(9)))
                .anyMatch(v -> v.contains("without releasing"));
        var release = new LockInvariants.Step(9, 10, Optional.of(new LockCommand.Release("x", "L1")), Set.of());
        // token not the entry's index
        assertThat(check(held, lock(Optional.of(holder("s2", "L2", 8)), List.of(w3), 9), release))
                .anyMatch(v -> v.contains("by entry 9"));
        // overtaking a live waiter
        assertThat(check(held, lock(Optional.of(holder("s3", "L3", 9)), List.of(w2), 9), release))
                .anyMatch(v -> v.contains("ahead of waiter L2"));
        // queue reordered
        assertThat(check(held, lock(Optional.of(holder("s1", "L1", 5)), List.of(w3, w2), 5), plain(9)))
                .anyMatch(v -> v.contains("reordered"));
        // newest token going back
        assertThat(check(lock(Optional.empty(), List.of(w2, w3), 7), lock(Optional.empty(), List.of(w2, w3), 5),
                plain(9)))
                .anyMatch(v -> v.contains("went back"));
        // an ended session keeps a wait
        var end = new LockInvariants.Step(9, 10, Optional.empty(), Set.of("s2"));
        assertThat(check(held, held, end)).anyMatch(v -> v.contains("ended session s2"));
        // granted to a session that is not live
        LockInfo free = lock(Optional.empty(), List.of(), 5);
        assertThat(check(free, lock(Optional.of(holder("ghost", "G", 9)), List.of(), 9), plain(9)))
                .anyMatch(v -> v.contains("not live"));
        // forgotten lock
        assertThat(LockInvariants.violations(Map.of("x", held), Map.of(), plain(9), sessions))
                .anyMatch(v -> v.contains("forgotten"));
    }
}
