package io.synod.admin.monitor;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One second of this node's measurements. A latency percentile is empty when nothing was measured in that
 * second (a follower proposes nothing; an idle leader fsyncs nothing): a chart shows a gap, not a zero.
 *
 * @param lag entries each member trailed the leader's commit index (members whose lag is unknown are absent)
 */
public record ChartSample(long epochMillis, OptionalDouble commitsPerSecond, OptionalDouble proposalP50Millis,
                          OptionalDouble proposalP99Millis, OptionalDouble fsyncP50Millis,
                          OptionalDouble fsyncP99Millis, Map<String, Long> lag) {

    public ChartSample {
        lag = Map.copyOf(lag);
    }
}
