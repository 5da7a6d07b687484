package io.synod.ejb.detector;

import io.synod.core.consensus.NodeId;
import io.synod.core.detector.DetectorEvent;
import io.synod.core.detector.MemberState;
import io.synod.core.detector.MemberStatistics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell's detector on a controlled clock: a member that keeps its rhythm stays alive, one that falls silent is
 * suspected then condemned, a heartbeat brings it back, and discovery decides whom it watches.
 */
class FailureDetectorTest {

    private static final NodeId N2 = NodeId.of("n2");
    private static final DetectorSettings SETTINGS = new DetectorSettings(Duration.ofMillis(1000), 8.0,
            Duration.ofMillis(3000), Duration.ofMillis(10_000));

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final FailureDetector detector = new FailureDetector(SETTINGS, clock::get);

    @Test
    void aMemberThatKeepsItsRhythmStaysAlive() {
        detector.follow(Set.of(N2), Set.of(N2));
        for (int i = 0; i < 60; i++) {
            advance(1000);
            assertThat(detector.heartbeat(N2)).isEmpty();
            assertThat(detector.evaluate()).isEmpty();
        }

        MemberStatistics n2 = only(detector.statistics());
        assertThat(n2.state()).isEqualTo(MemberState.ALIVE);
        assertThat(n2.phi()).isLessThan(SETTINGS.phiThreshold());
        assertThat(n2.meanMillis()).isBetween(990.0, 1010.0);
    }

    @Test
    void silenceIsSuspectedThenCondemnedAndAHeartbeatRecovers() {
        detector.follow(Set.of(N2), Set.of(N2));
        steadyHeartbeats(N2, 30);

        advance(3000); // within interval + acceptable pause: still plausible
        assertThat(detector.evaluate()).isEmpty();
        List<DetectorEvent> suspected = silentUntilAnEvent();
        assertThat(suspected).singleElement().isInstanceOf(DetectorEvent.MemberSuspected.class);
        DetectorEvent.MemberSuspected s = (DetectorEvent.MemberSuspected) suspected.get(0);
        assertThat(s.member()).isEqualTo(N2);
        assertThat(s.phi()).isGreaterThanOrEqualTo(SETTINGS.phiThreshold());
        assertThat(detector.transitions().suspected()).isEqualTo(1);

        advance(SETTINGS.condemnAfter().toMillis() - 1);
        assertThat(detector.evaluate()).as("not yet suspected for condemn-after").isEmpty();
        advance(1);
        assertThat(detector.evaluate()).singleElement().isInstanceOf(DetectorEvent.MemberCondemned.class);
        assertThat(only(detector.statistics()).state()).isEqualTo(MemberState.CONDEMNED);

        List<DetectorEvent> recovered = detector.heartbeat(N2);
        assertThat(recovered).singleElement().isInstanceOfSatisfying(DetectorEvent.MemberRecovered.class,
                r -> assertThat(r.from()).isEqualTo(MemberState.CONDEMNED));
        assertThat(only(detector.statistics()).state()).isEqualTo(MemberState.ALIVE);
        assertThat(detector.transitions().condemned()).isEqualTo(1);
        assertThat(detector.transitions().recovered()).isEqualTo(1);
    }

    @Test
    void aSuspectedMemberRecoversBeforeBeingCondemned() {
        detector.follow(Set.of(N2), Set.of(N2));
        steadyHeartbeats(N2, 10);
        silentUntilAnEvent();

        assertThat(detector.heartbeat(N2)).singleElement().isInstanceOfSatisfying(
                DetectorEvent.MemberRecovered.class, r -> assertThat(r.from()).isEqualTo(MemberState.SUSPECTED));
        for (long waited = 0; waited <= SETTINGS.condemnAfter().toMillis(); waited += 1000) {
            advance(1000);
            assertThat(detector.heartbeat(N2)).isEmpty();
            assertThat(detector.evaluate()).as("recovered and beating: never condemned").isEmpty();
        }
    }

    @Test
    void aPeerThatNeverSendsAHeartbeatIsStillSuspected() {
        detector.follow(Set.of(N2), Set.of(N2));

        assertThat(silentUntilAnEvent()).singleElement().isInstanceOf(DetectorEvent.MemberSuspected.class);
    }

    @Test
    void aPeerGoneFromDiscoveryIsStillJudgedThenForgottenWithoutAnEvent() {
        detector.follow(Set.of(N2), Set.of(N2));
        steadyHeartbeats(N2, 5);
        detector.follow(Set.of(), Set.of()); // discovery dropped n2 while it still looked alive

        assertThat(silentUntilAnEvent()).singleElement().isInstanceOf(DetectorEvent.MemberSuspected.class);
        assertThat(detector.statistics()).extracting(MemberStatistics::member).containsExactly(N2);

        advance(FailureDetector.FORGET_AFTER.toMillis());
        detector.follow(Set.of(), Set.of());
        assertThat(detector.statistics()).isEmpty();
        assertThat(detector.evaluate()).isEmpty();
    }

    @Test
    void aSuspectedPeerDroppedByDiscoveryIsKeptAndRecoversWhenItsHeartbeatsReturn() {
        detector.follow(Set.of(N2), Set.of(N2));
        steadyHeartbeats(N2, 10);
        silentUntilAnEvent();

        detector.follow(Set.of(), Set.of()); // Hazelcast dropped the frozen member
        advance(SETTINGS.condemnAfter().toMillis());
        assertThat(detector.evaluate()).singleElement().isInstanceOf(DetectorEvent.MemberCondemned.class);
        assertThat(detector.heartbeat(N2)).singleElement().isInstanceOfSatisfying(DetectorEvent.MemberRecovered.class,
                r -> assertThat(r.from()).isEqualTo(MemberState.CONDEMNED));
    }

    @Test
    void aPeerIsWatchedOnlyOnceItsConnectionAuthenticated() {
        detector.follow(Set.of(N2), Set.of()); // discovered, still starting: no transport yet
        advance(120_000);
        assertThat(detector.evaluate()).isEmpty();
        assertThat(detector.statistics()).isEmpty();

        detector.follow(Set.of(N2), Set.of(N2));
        assertThat(silentUntilAnEvent()).singleElement().isInstanceOf(DetectorEvent.MemberSuspected.class);
    }

    /** Advances 100 ms at a time until an evaluation reports something; fails after a minute of silence. */
    private List<DetectorEvent> silentUntilAnEvent() {
        for (int i = 0; i < 600; i++) {
            advance(100);
            List<DetectorEvent> events = detector.evaluate();
            if (!events.isEmpty()) {
                return events;
            }
        }
        throw new AssertionError("a minute of silence was never suspected");
    }

    private void steadyHeartbeats(NodeId member, int count) {
        for (int i = 0; i < count; i++) {
            advance(1000);
            detector.heartbeat(member);
            detector.evaluate();
        }
    }

    private void advance(long millis) {
        clock.addAndGet(millis);
    }

    private static MemberStatistics only(List<MemberStatistics> statistics) {
        assertThat(statistics).hasSize(1);
        return statistics.get(0);
    }
}
