package io.synod.admin.monitor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class HistogramWindowTest {

    private static final List<Duration> BOUNDS = List.of(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100));

    @Test
    void percentilesCoverOnlyWhatWasRecordedSinceTheLastReading() {
        HistogramWindow window = new HistogramWindow(BOUNDS);
        assertThat(window.next(new long[]{50, 0, 0, 0}, 0.5)).as("the first reading has no window yet")
                .containsExactly(OptionalDouble.empty());
        OptionalDouble[] q = window.next(new long[]{50, 98, 1, 1}, 0.5, 0.99);
        assertThat(q[0]).hasValue(10.0);
        assertThat(q[1]).hasValue(100.0);
        assertThat(window.next(new long[]{50, 98, 1, 1}, 0.5)).as("nothing new: a gap, not a zero")
                .containsExactly(OptionalDouble.empty());
    }

    @Test
    void slowerThanTheLastBoundReportsTheLastBound() {
        HistogramWindow window = new HistogramWindow(BOUNDS);
        window.next(new long[4], 0.5);
        assertThat(window.next(new long[]{0, 0, 0, 3}, 0.5)[0]).hasValue(100.0);
    }
}
