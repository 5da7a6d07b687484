package io.synod.admin.monitor;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T15:00:00Z");

    @Test
    void onlyChangesAreRecordedNewestFirstAndSinceIsTheFirstSighting() {
        LeaderHistory history = new LeaderHistory(3);
        history.observe(T0, 2, Optional.of("n1"));
        history.observe(T0.plusSeconds(1), 2, Optional.of("n1"));
        history.observe(T0.plusSeconds(5), 2, Optional.empty());
        history.observe(T0.plusSeconds(6), 3, Optional.empty());
        history.observe(T0.plusSeconds(7), 3, Optional.of("n2"));
        history.observe(T0.plusSeconds(9), 3, Optional.of("n2"));

        assertThat(history.recent()).extracting(LeaderChange::leader)
                .containsExactly(Optional.of("n2"), Optional.empty(), Optional.of("n1"));
        assertThat(history.current()).contains(new LeaderChange(T0.plusSeconds(7), 3, Optional.of("n2")));
    }

    @Test
    void theSameLeaderInANewTermIsAChangeAndTheListIsBounded() {
        LeaderHistory history = new LeaderHistory(2);
        history.observe(T0, 2, Optional.of("n1"));
        history.observe(T0.plusSeconds(1), 3, Optional.of("n1"));
        history.observe(T0.plusSeconds(2), 4, Optional.of("n1"));
        assertThat(history.recent()).extracting(LeaderChange::term).containsExactly(4L, 3L);
    }

    @Test
    void noLeaderMeansNoCurrent() {
        LeaderHistory history = new LeaderHistory(2);
        assertThat(history.current()).isEmpty();
        history.observe(T0, 2, Optional.empty());
        assertThat(history.current()).isEmpty();
    }
}
