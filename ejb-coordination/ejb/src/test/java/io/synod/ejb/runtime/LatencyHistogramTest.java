package io.synod.ejb.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {

    @Test
    void samplesLandInTheFirstBucketWhoseUpperBoundHoldsThem() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(100_000L); // exactly on the first bound: inclusive
        h.record(101_000L);
        h.record(Duration.ofMillis(3).toNanos());
        h.record(Duration.ofSeconds(60).toNanos()); // slower than every bound

        long[] counts = h.bucketCounts();
        assertThat(counts).hasSize(LatencyHistogram.upperBounds().size() + 1);
        assertThat(counts[0]).isEqualTo(1);
        assertThat(counts[1]).isEqualTo(1);
        assertThat(counts[LatencyHistogram.upperBounds().indexOf(Duration.ofMillis(5))]).isEqualTo(1);
        assertThat(counts[counts.length - 1]).isEqualTo(1);
        assertThat(h.count()).isEqualTo(4);
        assertThat(h.sum()).isEqualTo(Duration.ofSeconds(60).plusMillis(3).plusNanos(201_000));
    }
}
