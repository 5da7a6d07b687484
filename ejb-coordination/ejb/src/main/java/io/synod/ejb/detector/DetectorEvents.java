package io.synod.ejb.detector;

import io.synod.api.MemberCondemned;
import io.synod.api.MemberEvent;
import io.synod.api.MemberHealth;
import io.synod.api.MemberRecovered;
import io.synod.api.MemberState;
import io.synod.api.MemberSuspected;
import io.synod.core.consensus.NodeId;
import io.synod.core.detector.DetectorEvent;
import io.synod.core.detector.MemberStatistics;

import java.time.Instant;

/**
 * Turns the core detector's values (monotonic millis, core types) into the API's (wall-clock instants, API
 * types). A monotonic time {@code t} maps to {@code wallNow - (monotonicNow - t)}: the mapping is taken at the
 * moment of conversion, so a wall-clock step shifts instants but never reorders them within one conversion.
 */
final class DetectorEvents {

    private final NodeId observer;
    private final Instant wallNow;
    private final long monotonicNow;

    DetectorEvents(NodeId observer, Instant wallNow, long monotonicNow) {
        this.observer = observer;
        this.wallNow = wallNow;
        this.monotonicNow = monotonicNow;
    }

    Instant instant(long monotonicMillis) {
        return wallNow.minusMillis(monotonicNow - monotonicMillis);
    }

    MemberEvent toApi(DetectorEvent event) {
        String member = event.member().value();
        Instant at = instant(event.atMillis());
        if (event instanceof DetectorEvent.MemberSuspected s) {
            return new MemberSuspected(member, observer.value(), at, s.phi());
        }
        if (event instanceof DetectorEvent.MemberRecovered r) {
            return new MemberRecovered(member, observer.value(), at, state(r.from()));
        }
        DetectorEvent.MemberCondemned c = (DetectorEvent.MemberCondemned) event;
        return new MemberCondemned(member, observer.value(), at, instant(c.suspectedSinceMillis()));
    }

    MemberHealth toApi(MemberStatistics s) {
        return new MemberHealth(s.member().value(), state(s.state()), s.phi(), instant(s.lastHeartbeatMillis()),
                s.meanMillis(), s.stdDevMillis(), s.samples(), instant(s.atMillis()));
    }

    static MemberState state(io.synod.core.detector.MemberState state) {
        return MemberState.valueOf(state.name());
    }
}
