package io.synod.ejb.detector;

import io.synod.core.consensus.NodeId;
import io.synod.core.detector.DetectorEvent;
import io.synod.core.detector.MemberStatistics;
import io.synod.core.detector.PhiAccrualDetector;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** How long a peer gone from discovery is still watched (see {@link #follow}). */
    public static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final PhiAccrualDetector detector;
    /** Watched peers discovery no longer shows, since when (monotonic millis). */
    private final Map<NodeId, Long> goneSince = new HashMap<>();
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
     * Keep the watched set in step with discovery.
     *
     * <p>A peer is watched from the moment its connection first authenticates (so the minutes an instance takes to
     * start are not reported as a failure), and from then on even if it never sends a heartbeat. A peer that
     * leaves discovery stays watched for {@link #FORGET_AFTER}: discovery (Hazelcast) drops a frozen or crashed
     * member after its own timeout, often before phi crosses the threshold, and applications must still see it
     * suspected, condemned, and recovered if it comes back. Only after that is it forgotten, without an event.
     *
     * @param known         the peers discovery knows now
     * @param authenticated those of them connected over an authenticated link now
     */
    public synchronized void follow(Set<NodeId> known, Set<NodeId> authenticated) {
        long now = monotonicMillis.getAsLong();
        for (MemberStatistics watched : detector.statistics(now)) {
            NodeId member = watched.member();
            if (known.contains(member)) {
                goneSince.remove(member);
            } else if (now - goneSince.computeIfAbsent(member, m -> now) >= FORGET_AFTER.toMillis()) {
                detector.remove(member);
                goneSince.remove(member);
            }
        }
        authenticated.stream().filter(known::contains).forEach(peer -> detector.watch(peer, now));
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
