package io.synod.ejb.detector;

import io.synod.core.detector.DetectorConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * The failure detector's configuration ({@code synod.detector.*}).
 *
 * @param heartbeatInterval how often each member sends a heartbeat to each peer, and re-judges its peers
 * @param phiThreshold      suspect at or above this phi
 * @param acceptablePause   silence beyond the mean interval that is still expected (GC, a loaded host)
 * @param condemnAfter      suspected without a break this long → condemned
 */
public record DetectorSettings(Duration heartbeatInterval, double phiThreshold, Duration acceptablePause,
                               Duration condemnAfter) {

    public static final DetectorSettings DEFAULT = new DetectorSettings(Duration.ofMillis(1000), 8.0,
            Duration.ofMillis(3000), Duration.ofMillis(10_000));

    public DetectorSettings {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(acceptablePause, "acceptablePause");
        Objects.requireNonNull(condemnAfter, "condemnAfter");
        if (heartbeatInterval.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeatInterval must be >= 1 ms");
        }
        // the core validates the rest, so a bad value fails here, at configuration time
        config(heartbeatInterval, phiThreshold, acceptablePause, condemnAfter);
    }

    /**
     * The core detector's tuning: a new member's window is seeded with the heartbeat interval; the standard
     * deviation is floored at a tenth of it (at least 1 ms) so perfectly regular heartbeats do not make a few
     * milliseconds of jitter look like death.
     */
    public DetectorConfig toConfig() {
        return config(heartbeatInterval, phiThreshold, acceptablePause, condemnAfter);
    }

    private static DetectorConfig config(Duration heartbeatInterval, double phiThreshold, Duration acceptablePause,
                                         Duration condemnAfter) {
        Duration minStdDev = Duration.ofMillis(Math.max(1, heartbeatInterval.toMillis() / 10));
        return new DetectorConfig(phiThreshold, DetectorConfig.DEFAULT.maxSamples(), minStdDev, acceptablePause,
                heartbeatInterval, condemnAfter);
    }
}
