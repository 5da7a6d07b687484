package io.synod.ejb.detector;

import io.synod.core.consensus.NodeId;
import io.synod.core.detector.DetectorEvent;
import io.synod.core.detector.MemberStatistics;
import io.synod.core.detector.PhiAccrualDetector;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The node's failure detector: the core's pure {@link PhiAccrualDetector} behind a lock, with a monotonic clock.
 * Heartbeat arrivals come from the transport's threads, evaluations from the heartbeat round; both are a few
 * arithmetic operations under the lock, so neither waits on the other for long.
 *
 * <p>The clock is injected (milliseconds, monotonic) so tests drive every transition without sleeping.
 */
public final class FailureDetector {

    private final PhiAccrualDetector detector;
    private final LongSupplier monotonicMillis;
    private final TransitionCounts transitions = new TransitionCounts();
    private final AtomicLong heartbeatsHeard = new AtomicLong();

    public FailureDetector(DetectorSettings settings, LongSupplier monotonicMillis) {
        this.detector = new PhiAccrualDetector(settings.toConfig());
        this.monotonicMillis = monotonicMillis;
    }

    /** A clock that never goes back: {@link System#nanoTime()} in milliseconds. */
    public static long systemMonotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** A heartbeat from {@code member} arrived now; returns a recovery if it was suspected or condemned. */
    public synchronized List<DetectorEvent> heartbeat(NodeId member) {
        heartbeatsHeard.incrementAndGet();
        List<DetectorEvent> events = detector.heartbeat(member, monotonicMillis.getAsLong());
        transitions.count(events);
        return events;
    }

    /**
     * Watch exactly {@code peers} (those discovery knows): a new one is watched from now on, so one that never
     * sends a heartbeat is still suspected; one gone from discovery left on purpose and is forgotten silently.
     */
    public synchronized void follow(Set<NodeId> peers) {
        long now = monotonicMillis.getAsLong();
        for (MemberStatistics known : detector.statistics(now)) {
            if (!peers.contains(known.member())) {
                detector.remove(known.member());
            }
        }
        peers.forEach(peer -> detector.watch(peer, now));
    }

    /** Re-judge every watched member now; returns the state changes. */
    public synchronized List<DetectorEvent> evaluate() {
        List<DetectorEvent> events = detector.evaluate(monotonicMillis.getAsLong());
        transitions.count(events);
        return events;
    }

    /** Every watched member, in id order, as of now. */
    public synchronized List<MemberStatistics> statistics() {
        return detector.statistics(monotonicMillis.getAsLong());
    }

    /** The detector's current monotonic time, to turn its timestamps into wall-clock instants. */
    public long nowMillis() {
        return monotonicMillis.getAsLong();
    }

    public double phiThreshold() {
        return detector.config().phiThreshold();
    }

    public TransitionCounts transitions() {
        return transitions;
    }

    public long heartbeatsHeard() {
        return heartbeatsHeard.get();
    }
}
