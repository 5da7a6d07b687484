package io.synod.core.statemachine.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTableTest {

    private final Sessions s = new Sessions(new SessionLimits(Duration.ofSeconds(60), 3, 100));
    private final List<String> ended = new ArrayList<>();

    SessionTableTest() {
        s.machine.addListener(e -> ended.add("A:" + e.sessionId() + ":" + e.cause() + "@" + e.index()));
        s.machine.addListener(e -> ended.add("B:" + e.sessionId()));
    }

    @Test
    void open_creates_a_session_stamped_with_leader_time() {
        SessionResult r = s.at(1_000).open("s1", 5_000);

        assertThat(r).isEqualTo(new SessionResult.Opened(new Session("s1", "node-s1", 5_000, 1_000, 1_000)));
        assertThat(s.view().session("s1").orElseThrow().deadlineMillis()).isEqualTo(6_000);
        assertThat(s.view().isLive("s1", 5_999)).isTrue();
        assertThat(s.view().isLive("s1", 6_000)).isFalse();
    }

    @Test
    void open_of_an_existing_id_is_refused_even_once_lapsed() {
        s.at(0).open("s1", 100);
        assertThat(s.at(50).open("s1", 100)).isInstanceOf(SessionResult.Rejected.class)
                .extracting(r -> ((SessionResult.Rejected) r).violation()).isEqualTo(SessionViolation.SESSION_EXISTS);
        assertThat(s.at(500).open("s1", 100)).extracting(r -> ((SessionResult.Rejected) r).violation())
                .isEqualTo(SessionViolation.SESSION_EXISTS);
    }

    @Test
    void the_table_is_bounded() {
        s.open("a", 10);
        s.open("b", 10);
        s.open("c", 10);
        assertThat(s.open("d", 10)).extracting(r -> ((SessionResult.Rejected) r).violation())
                .isEqualTo(SessionViolation.TOO_MANY_SESSIONS);
        assertThat(s.view().size()).isEqualTo(3);
    }

    @Test
    void keep_alive_moves_the_deadline_to_now_plus_ttl() {
        s.at(0).open("s1", 1_000);
        SessionResult r = s.at(900).keepAlive("s1");

        assertThat(r).isEqualTo(new SessionResult.Renewed(new Session("s1", "node-s1", 1_000, 0, 900)));
        assertThat(s.view().isLive("s1", 1_899)).isTrue();
        assertThat(s.view().isLive("s1", 1_900)).isFalse();
    }

    @Test
    void keep_alive_after_the_deadline_does_not_resurrect_the_session() {
        s.at(0).open("s1", 1_000);
        assertThat(s.at(1_000).keepAlive("s1")).isEqualTo(new SessionResult.Lapsed("s1", 1_000));
        assertThat(s.view().isLive("s1", 1_000)).isFalse();
        assertThat(s.keepAlive("nobody")).isEqualTo(new SessionResult.NotFound("nobody"));
    }

    @Test
    void close_removes_the_session_and_tells_every_listener_once_in_registration_order() {
        s.at(0).open("s1", 1_000);
        SessionResult r = s.at(10).close("s1");

        assertThat(r).isEqualTo(new SessionResult.Closed("s1"));
        assertThat(ended).containsExactly("A:s1:CLOSED@2", "B:s1");
        assertThat(s.view().session("s1")).isEmpty();
        assertThat(s.close("s1")).isEqualTo(new SessionResult.NotFound("s1"));
        assertThat(ended).hasSize(2);
    }

    @Test
    void close_of_a_lapsed_session_is_its_expiry() {
        s.at(0).open("s1", 1_000);
        assertThat(s.at(2_000).close("s1")).isEqualTo(new SessionResult.Expired(List.of("s1")));
        assertThat(ended).containsExactly("A:s1:EXPIRED@2", "B:s1");
    }

    @Test
    void expire_rechecks_each_session_against_the_entry_time_and_ends_them_in_id_order() {
        s.at(0).open("b", 1_000);
        s.open("a", 1_000);
        s.open("c", 1_000);
        s.at(800).keepAlive("c"); // the leader proposed expiry of c before it saw this keep-alive

        SessionResult r = s.at(1_000).expire("c", "b", "a", "b", "ghost");

        assertThat(r).isEqualTo(new SessionResult.Expired(List.of("a", "b")));
        assertThat(ended).containsExactly("A:a:EXPIRED@5", "B:a", "A:b:EXPIRED@5", "B:b");
        assertThat(s.view().isLive("c", 1_000)).isTrue();
    }

    @Test
    void a_stale_expire_of_a_renewed_session_changes_nothing() {
        s.at(0).open("s1", 1_000);
        s.at(999).keepAlive("s1");
        byte[] before = s.machine.snapshot();

        assertThat(s.at(1_500).expire("s1")).isEqualTo(new SessionResult.Expired(List.of()));
        assertThat(ended).isEmpty();
        assertThat(s.view().sessions(1_500)).hasSize(1);
        // Only lastApplied (bytes 1..8) differs: the table itself is untouched.
        byte[] after = s.machine.snapshot();
        assertThat(java.util.Arrays.copyOfRange(after, 9, after.length))
                .isEqualTo(java.util.Arrays.copyOfRange(before, 9, before.length));
    }

    @Test
    void listing_shows_owner_last_heartbeat_and_ttl_left_in_id_order() {
        s.at(100).open("b", 1_000);
        s.at(200).open("a", 5_000);

        assertThat(s.view().sessions(1_000)).containsExactly(
                new SessionInfo("a", "node-a", 5_000, 200, 4_200),
                new SessionInfo("b", "node-b", 1_000, 100, 100));
        assertThat(s.view().sessions(2_000).get(1).lapsed()).isTrue();
        assertThat(s.view().lapsedAt(2_000)).containsExactly("b");
        assertThat(s.view().lapsedAt(1_099)).isEmpty();
    }

    @Test
    void deadline_saturates_instead_of_overflowing() {
        Session far = new Session("x", "o", Long.MAX_VALUE, 5, 5);
        assertThat(far.deadlineMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(far.isLiveAt(Long.MAX_VALUE - 1)).isTrue();
    }
}
