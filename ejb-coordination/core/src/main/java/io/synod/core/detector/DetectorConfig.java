package io.synod.core.detector;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the phi-accrual detector; the defaults are Akka cluster's, which are known to survive ordinary
 * GC pauses and cloud network jitter without flapping.
 *
 * @param phiThreshold           suspect at or above this phi ({@code synod.detector.phi-threshold}); 8 means
 *                               roughly a 1e-8 chance the member is merely late, under the window's distribution
 * @param maxSamples             inter-arrival intervals kept per member (a sliding window)
 * @param minStdDev              floor of the standard deviation: perfectly regular heartbeats would otherwise make
 *                               a few milliseconds of delay look like death
 * @param acceptableHeartbeatPause added to the mean: pauses up to this long (GC, a busy event loop) are expected
 * @param firstHeartbeatEstimate seeds the window of a new member before it has any history
 * @param condemnAfter           suspected continuously this long → condemned
 */
public record DetectorConfig(double phiThreshold, int maxSamples, Duration minStdDev,
                             Duration acceptableHeartbeatPause, Duration firstHeartbeatEstimate,
                             Duration condemnAfter) {

    public static final DetectorConfig DEFAULT = new DetectorConfig(8.0, 1000, Duration.ofMillis(100),
            Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(10));

    public DetectorConfig {
        Objects.requireNonNull(minStdDev, "minStdDev");
        Objects.requireNonNull(acceptableHeartbeatPause, "acceptableHeartbeatPause");
        Objects.requireNonNull(firstHeartbeatEstimate, "firstHeartbeatEstimate");
        Objects.requireNonNull(condemnAfter, "condemnAfter");
        if (!(phiThreshold > 0) || Double.isInfinite(phiThreshold)) {
            throw new IllegalArgumentException("phiThreshold must be a positive finite number, got " + phiThreshold);
        }
        if (maxSamples < 2) {
            throw new IllegalArgumentException("maxSamples must be >= 2, got " + maxSamples);
        }
        if (minStdDev.toMillis() < 1 || firstHeartbeatEstimate.toMillis() < 1) {
            throw new IllegalArgumentException("minStdDev and firstHeartbeatEstimate must be >= 1 ms");
        }
        if (acceptableHeartbeatPause.isNegative() || condemnAfter.isNegative()) {
            throw new IllegalArgumentException("acceptableHeartbeatPause and condemnAfter must not be negative");
        }
    }

    public DetectorConfig withPhiThreshold(double threshold) {
        return new DetectorConfig(threshold, maxSamples, minStdDev, acceptableHeartbeatPause,
                firstHeartbeatEstimate, condemnAfter);
    }

    public DetectorConfig withAcceptableHeartbeatPause(Duration pause) {
        return new DetectorConfig(phiThreshold, maxSamples, minStdDev, pause, firstHeartbeatEstimate,
                condemnAfter);
    }
}
