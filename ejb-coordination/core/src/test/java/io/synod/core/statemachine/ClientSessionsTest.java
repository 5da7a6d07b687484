package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSessionsTest {

    private static final ClientId A = ClientId.of("a");
    private static final ClientId B = ClientId.of("b");
    private static final ClientId C = ClientId.of("c");

    private final ClientSessions sessions = new ClientSessions(new ClientSessionPolicy(Duration.ofMillis(1000), 2));

    @Test
    void a_new_client_starts_at_sequence_one() {
        assertThat(sessions.check(A, 1)).isInstanceOf(SessionVerdict.Fresh.class);
        assertThat(sessions.check(A, 2)).isInstanceOf(SessionVerdict.Unknown.class);
    }

    @Test
    void retry_of_the_last_sequence_is_a_duplicate_with_the_same_result() {
        sessions.record(A, 1, new byte[] {42}, 0);
        SessionVerdict v = sessions.check(A, 1);
        assertThat(v).isInstanceOf(SessionVerdict.Duplicate.class);
        assertThat(((SessionVerdict.Duplicate) v).cachedResult()).containsExactly(42);
    }

    @Test
    void older_sequence_is_stale_newer_is_fresh_gaps_allowed() {
        sessions.record(A, 5, new byte[0], 0);
        assertThat(sessions.check(A, 4)).isEqualTo(new SessionVerdict.Stale(5));
        assertThat(sessions.check(A, 6)).isInstanceOf(SessionVerdict.Fresh.class);
        assertThat(sessions.check(A, 9)).isInstanceOf(SessionVerdict.Fresh.class);
    }

    @Test
    void idle_clients_expire_by_leader_time() {
        sessions.record(A, 1, new byte[0], 100);
        sessions.record(B, 1, new byte[0], 600);

        assertThat(sessions.expireIdle(1099)).isZero();
        assertThat(sessions.expireIdle(1100)).isEqualTo(1);
        assertThat(sessions.session(A)).isEmpty();
        assertThat(sessions.session(B)).isPresent();
        assertThat(sessions.check(A, 2)).isInstanceOf(SessionVerdict.Unknown.class);
    }

    @Test
    void activity_refreshes_a_session() {
        sessions.record(A, 1, new byte[0], 100);
        sessions.record(A, 2, new byte[0], 900);
        assertThat(sessions.expireIdle(1500)).isZero();
    }

    @Test
    void a_full_table_evicts_the_least_recently_active_client() {
        sessions.record(A, 1, new byte[0], 10);
        sessions.record(B, 1, new byte[0], 20);
        sessions.record(A, 2, new byte[0], 30);
        sessions.record(C, 1, new byte[0], 40);

        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.session(B)).isEmpty();
        assertThat(sessions.session(A)).isPresent();
        assertThat(sessions.session(C)).isPresent();
    }

    @Test
    void table_round_trips_through_its_encoding() throws CodecException {
        sessions.record(B, 3, new byte[] {1}, 20);
        sessions.record(A, 7, new byte[] {2, 3}, 10);
        WireWriter out = new WireWriter();
        sessions.writeTo(out);

        ClientSessions copy = ClientSessions.readFrom(new WireReader(out.toByteArray()), sessions.policy());
        assertThat(copy.session(A)).isEqualTo(sessions.session(A));
        assertThat(copy.session(B)).isEqualTo(sessions.session(B));
        WireWriter again = new WireWriter();
        copy.writeTo(again);
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
        // The activity order survives too: B is the more recent, so A expires first.
        assertThat(copy.expireIdle(1010)).isEqualTo(1);
        assertThat(copy.session(B)).isPresent();
    }
}
