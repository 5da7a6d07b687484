package io.synod.core.detector;

import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthetic arrival times only: the detector never sees a clock, so every scenario is exact and repeatable. */
class PhiAccrualDetectorTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");

    /** Heartbeats every {@code interval} ms from t=0; returns the time of the last one. */
    private static long regular(PhiAccrualDetector d, NodeId member, int count, long interval) {
        long t = 0;
        for (int i = 0; i < count; i++) {
            t = i * interval;
            assertThat(d.heartbeat(member, t)).isEmpty();
        }
        return t;
    }

    @Test
    void regular_heartbeats_keep_phi_low() {
        PhiAccrualDetector d = new PhiAccrualDetector(DetectorConfig.DEFAULT);
        long last = regular(d, A, 200, 1000);
        assertThat(d.phi(A, last + 1000)).isLessThan(0.01);
        assertThat(d.evaluate(last + 1000)).isEmpty();
        MemberStatistics s = d.statistics(A, last + 1000).orElseThrow();
        assertThat(s.state()).isEqualTo(MemberState.ALIVE);
        assertThat(s.meanMillis()).isBetween(999.0, 1001.0);
        assertThat(s.samples()).isEqualTo(201); // 2 seeded + 199 measured
        assertThat(s.lastHeartbeatMillis()).isEqualTo(last);
    }

    @Test
    void a_pause_raises_phi_monotonically_and_crosses_the_threshold_when_expected() {
        PhiAccrualDetector d = new PhiAccrualDetector(DetectorConfig.DEFAULT);
        long last = regular(d, A, 1001, 1000); // the window now holds only 1000 ms intervals: stddev → floor 100
        double previous = -1;
        long crossedAt = -1;
        List<DetectorEvent> events = new ArrayList<>();
        for (long t = last; t <= last + 6000; t++) {
            double phi = d.phi(A, t);
            // Strictly increasing wherever a double can tell (deep in the left tail it underflows to 0).
            if (phi > 1e-9) {
                assertThat(phi).isGreaterThan(previous);
            } else {
                assertThat(phi).isGreaterThanOrEqualTo(previous);
            }
            previous = phi;
            List<DetectorEvent> now = d.evaluate(t);
            if (!now.isEmpty() && crossedAt < 0) {
                crossedAt = t;
            }
            events.addAll(now);
        }
        // mean 1000 + pause 3000 = 4000, sd 100: phi = 8 at y ≈ 5.226, i.e. 4522.6 ms of silence.
        assertThat(crossedAt - last).isEqualTo(4523);
        assertThat(events).hasSize(1).first().isInstanceOf(DetectorEvent.MemberSuspected.class);
        assertThat(((DetectorEvent.MemberSuspected) events.get(0)).phi()).isBetween(8.0, 8.02);
        assertThat(d.state(A)).contains(MemberState.SUSPECTED);
    }

    @Test
    void a_heartbeat_recovers_a_suspected_member_without_polluting_its_history() {
        PhiAccrualDetector d = new PhiAccrualDetector(DetectorConfig.DEFAULT);
        long last = regular(d, A, 100, 1000);
        assertThat(d.evaluate(last + 5000)).hasSize(1);
        List<DetectorEvent> recovered = d.heartbeat(A, last + 5500);
        assertThat(recovered).containsExactly(
                new DetectorEvent.MemberRecovered(A, last + 5500, MemberState.SUSPECTED));
        assertThat(d.state(A)).contains(MemberState.ALIVE);
        // The 5.5 s gap was not recorded as an interval: the mean is still the heartbeat rhythm.
        assertThat(d.statistics(A, last + 5500).orElseThrow().meanMillis()).isBetween(999.0, 1001.0);
        assertThat(d.evaluate(last + 6500)).isEmpty();
    }

    @Test
    void suspected_for_condemn_after_becomes_condemned_once_and_recovers_on_a_heartbeat() {
        PhiAccrualDetector d = new PhiAccrualDetector(DetectorConfig.DEFAULT);
        long last = regular(d, A, 100, 1000);
        List<DetectorEvent> events = new ArrayList<>();
        for (long t = last; t <= last + 20_000; t += 100) {
            events.addAll(d.evaluate(t));
        }
        assertThat(events).hasSize(2);
        DetectorEvent.MemberSuspected suspected = (DetectorEvent.MemberSuspected) events.get(0);
        DetectorEvent.MemberCondemned condemned = (DetectorEvent.MemberCondemned) events.get(1);
        assertThat(suspected.atMillis() - last).isEqualTo(4600); // first evaluation at or after 4522.6 ms
        assertThat(condemned.suspectedSinceMillis()).isEqualTo(suspected.atMillis());
        assertThat(condemned.atMillis()).isEqualTo(suspected.atMillis() + 10_000);
        assertThat(d.state(A)).contains(MemberState.CONDEMNED);
        assertThat(d.heartbeat(A, last + 30_000)).containsExactly(
                new DetectorEvent.MemberRecovered(A, last + 30_000, MemberState.CONDEMNED));
    }

    @Test
    void a_suspicion_interrupted_by_a_heartbeat_restarts_the_condemn_clock() {
        PhiAccrualDetector d = new PhiAccrualDetector(DetectorConfig.DEFAULT);
        long last = regular(d, A, 100, 1000);
        assertThat(d.evaluate(last + 5000)).hasSize(1);
        d.heartbeat(A, last + 9000);
        assertThat(d.evaluate(last + 14_000)).hasSize(1).first().isInstanceOf(DetectorEvent.MemberSuspected.class);
        assertThat(d.evaluate(last + 23_999)).isEmpty();
        assertThat(d.evaluate(last + 24_000)).hasSize(1).first().isInstanceOf(DetectorEvent.MemberCondemned.class);
    }

    /** Gaussian jitter (sd 200 ms) around 1 s, no pause margin: threshold 8 must hold, threshold 1 must not. */
    @Test
    void a_jittery_network_does_not_flap_at_the_default_threshold() {
        DetectorConfig noMargin = DetectorConfig.DEFAULT.withAcceptableHeartbeatPause(Duration.ZERO);
        assertThat(suspicionsUnderJitter(noMargin, 42)).isZero();
        assertThat(suspicionsUnderJitter(noMargin.withPhiThreshold(1.0), 42)).isGreaterThan(10);
    }

    private static int suspicionsUnderJitter(DetectorConfig config, long seed) {
        PhiAccrualDetector d = new PhiAccrualDetector(config);
        Random random = new Random(seed);
        int suspicions = 0;
        long t = 0;
        long nextEvaluation = 0;
        for (int i = 0; i < 5000; i++) {
            long arrival = t + Math.max(1, Math.round(1000 + 200 * random.nextGaussian()));
            for (; nextEvaluation < arrival; nextEvaluation += 50) {
                suspicions += (int) d.evaluate(nextEvaluation).stream()
                        .filter(e -> e instanceof DetectorEvent.MemberSuspected).count();
            }
            d.heartbeat(A, arrival);
            t = arrival;
        }
        return suspicions;
    }

    @Test
    void members_are_judged_independently_and_reported_in_id_order() {
        PhiAccrualDetector d = new PhiAccrualDetector(DetectorConfig.DEFAULT);
        for (long t = 0; t <= 10_000; t += 1000) {
            d.heartbeat(B, t);
            d.heartbeat(A, t);
        }
        for (long t = 11_000; t <= 30_000; t += 1000) {
            d.heartbeat(B, t);
        }
        assertThat(d.evaluate(30_000)).extracting(DetectorEvent::member).containsExactly(A);
        d.heartbeat(B, 39_000);
        assertThat(d.evaluate(40_000)).extracting(DetectorEvent::member).containsExactly(A);
        assertThat(d.statistics(39_000)).extracting(MemberStatistics::member).containsExactly(A, B);
        assertThat(d.statistics(39_000)).extracting(MemberStatistics::state)
                .containsExactly(MemberState.CONDEMNED, MemberState.ALIVE);
        assertThat(d.phi(NodeId.of("unknown"), 30_000)).isZero();
        assertThat(d.remove(A)).isTrue();
        assertThat(d.state(A)).isEmpty();
    }

    @Test
    void a_watched_member_that_never_sends_a_heartbeat_is_still_suspected() {
        PhiAccrualDetector d = new PhiAccrualDetector(DetectorConfig.DEFAULT);
        d.watch(A, 0);
        // Seeded window: mean 1000, sd 250, plus the 3 s pause margin → phi 8 after about 5.3 s.
        assertThat(d.evaluate(5_000)).isEmpty();
        assertThat(d.evaluate(6_000)).hasSize(1).first().isInstanceOf(DetectorEvent.MemberSuspected.class);
        d.watch(A, 6_000); // already known: watching again changes nothing
        assertThat(d.statistics(A, 6_000).orElseThrow().lastHeartbeatMillis()).isZero();
    }

    @Test
    void reordered_heartbeats_are_ignored_and_the_window_is_bounded() {
        DetectorConfig small = new DetectorConfig(8.0, 10, Duration.ofMillis(100), Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        PhiAccrualDetector d = new PhiAccrualDetector(small);
        regular(d, A, 50, 500);
        d.heartbeat(A, 100); // late duplicate from the past
        MemberStatistics s = d.statistics(A, 24_500).orElseThrow();
        assertThat(s.samples()).isEqualTo(10);
        assertThat(s.meanMillis()).isEqualTo(500.0);
        assertThat(s.lastHeartbeatMillis()).isEqualTo(24_500);
    }
}
