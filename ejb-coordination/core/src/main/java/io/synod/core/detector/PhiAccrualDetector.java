package io.synod.core.detector;

import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Phi-accrual failure detection (Hayashibara et al. 2004) over heartbeats from many members.
 *
 * <p>For each member, phi at time {@code now} is {@code -log10(P(a heartbeat arrives later than now))}, under a
 * normal distribution fitted to the member's recent inter-arrival intervals (mean shifted by the acceptable
 * pause, standard deviation floored). It grows without bound while the member stays silent; a threshold turns
 * it into SUSPECTED, and staying suspected for {@code condemnAfter} into CONDEMNED.
 *
 * <p>Pure and single-threaded: the shell calls {@link #heartbeat} when one arrives and {@link #evaluate}
 * periodically, passing its own monotonic time in millis, and publishes the returned events. Members are
 * known from their first heartbeat on; members are iterated in id order so event order is reproducible.
 */
public final class PhiAccrualDetector {

    private final DetectorConfig config;
    private final TreeMap<NodeId, Monitored> members = new TreeMap<>();

    public PhiAccrualDetector(DetectorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public DetectorConfig config() {
        return config;
    }

    /**
     * A heartbeat from {@code member} arrived at {@code arrivalMillis}. Returns {@link DetectorEvent.MemberRecovered}
     * if the member was suspected or condemned, else nothing. An arrival earlier than the previous one (reordered
     * delivery) is ignored.
     */
    public List<DetectorEvent> heartbeat(NodeId member, long arrivalMillis) {
        Objects.requireNonNull(member, "member");
        Monitored m = members.get(member);
        if (m == null) {
            members.put(member, new Monitored(
                    HeartbeatHistory.seeded(config.maxSamples(), config.firstHeartbeatEstimate().toMillis()),
                    arrivalMillis));
            return List.of();
        }
        if (arrivalMillis < m.lastHeartbeatMillis) {
            return List.of();
        }
        // Like Akka: the gap that ends an outage is not a sample of the heartbeat rhythm, so it is not recorded;
        // otherwise one long pause would inflate the mean and make the next real failure slow to detect.
        if (m.state == MemberState.ALIVE && phi(m, arrivalMillis) < config.phiThreshold()) {
            m.history.add(arrivalMillis - m.lastHeartbeatMillis);
        }
        m.lastHeartbeatMillis = arrivalMillis;
        if (m.state == MemberState.ALIVE) {
            return List.of();
        }
        MemberState from = m.state;
        m.state = MemberState.ALIVE;
        m.suspectedSinceMillis = -1;
        return List.of(new DetectorEvent.MemberRecovered(member, arrivalMillis, from));
    }

    /**
     * Start watching {@code member} as if it had sent a heartbeat at {@code sinceMillis} (when it joined the view),
     * so a member that dies before its first heartbeat is still suspected; no effect on a member already known.
     */
    public void watch(NodeId member, long sinceMillis) {
        Objects.requireNonNull(member, "member");
        if (!members.containsKey(member)) {
            heartbeat(member, sinceMillis);
        }
    }

    /** Re-judge every member at {@code nowMillis}; returns the state changes, members in id order. */
    public List<DetectorEvent> evaluate(long nowMillis) {
        List<DetectorEvent> events = new ArrayList<>();
        for (var entry : members.entrySet()) {
            Monitored m = entry.getValue();
            double phi = phi(m, nowMillis);
            if (m.state == MemberState.ALIVE && phi >= config.phiThreshold()) {
                m.state = MemberState.SUSPECTED;
                m.suspectedSinceMillis = nowMillis;
                events.add(new DetectorEvent.MemberSuspected(entry.getKey(), nowMillis, phi));
            }
            if (m.state == MemberState.SUSPECTED
                    && nowMillis - m.suspectedSinceMillis >= config.condemnAfter().toMillis()) {
                m.state = MemberState.CONDEMNED;
                events.add(new DetectorEvent.MemberCondemned(entry.getKey(), nowMillis, m.suspectedSinceMillis));
            }
        }
        return events;
    }

    /** Suspicion of {@code member} at {@code nowMillis}; 0 for a member never heard from. */
    public double phi(NodeId member, long nowMillis) {
        Monitored m = members.get(Objects.requireNonNull(member, "member"));
        return m == null ? 0.0 : phi(m, nowMillis);
    }

    /** The state as of the last {@link #evaluate} or {@link #heartbeat}; empty for an unknown member. */
    public Optional<MemberState> state(NodeId member) {
        return Optional.ofNullable(members.get(member)).map(m -> m.state);
    }

    public Optional<MemberStatistics> statistics(NodeId member, long nowMillis) {
        Monitored m = members.get(Objects.requireNonNull(member, "member"));
        return m == null ? Optional.empty() : Optional.of(statistics(member, m, nowMillis));
    }

    /** Every known member's statistics, in id order: what the console's phi-over-time chart samples. */
    public List<MemberStatistics> statistics(long nowMillis) {
        List<MemberStatistics> out = new ArrayList<>(members.size());
        members.forEach((id, m) -> out.add(statistics(id, m, nowMillis)));
        return out;
    }

    /** Stop monitoring a member that left the cluster on purpose (no events: it did not fail). */
    public boolean remove(NodeId member) {
        return members.remove(member) != null;
    }

    private MemberStatistics statistics(NodeId id, Monitored m, long nowMillis) {
        return new MemberStatistics(id, nowMillis, phi(m, nowMillis), m.state, m.history.mean(),
                m.history.stdDev(), m.history.size(), m.lastHeartbeatMillis);
    }

    private double phi(Monitored m, long nowMillis) {
        long elapsed = Math.max(0, nowMillis - m.lastHeartbeatMillis);
        double mean = m.history.mean() + config.acceptableHeartbeatPause().toMillis();
        double stdDev = Math.max(m.history.stdDev(), config.minStdDev().toMillis());
        return Phi.of(elapsed, mean, stdDev);
    }

    /** Mutable per-member bookkeeping, owned by the detector. */
    private static final class Monitored {
        final HeartbeatHistory history;
        long lastHeartbeatMillis;
        MemberState state = MemberState.ALIVE;
        long suspectedSinceMillis = -1;

        Monitored(HeartbeatHistory history, long firstHeartbeatMillis) {
            this.history = history;
            this.lastHeartbeatMillis = firstHeartbeatMillis;
        }
    }
}
