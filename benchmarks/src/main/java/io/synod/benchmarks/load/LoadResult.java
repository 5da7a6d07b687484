package io.synod.benchmarks.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What one system did at one thread count during the measured window: puts that succeeded and their
 * latencies, failed puts, and the first failure (enough to tell a wrong URL from an overloaded server).
 */
record LoadResult(String system, int threads, long puts, long errors, Duration window, long p50Nanos,
        long p99Nanos, Optional<String> firstError) {

    double putsPerSecond() {
        return puts / (window.toNanos() / 1e9);
    }

    String line() {
        return String.format(Locale.ROOT, "%-6s %3d threads: %9.1f puts/s   p50 %7.2f ms   p99 %7.2f ms   (%d puts, %d errors, %.1f s)",
                system, threads, putsPerSecond(), p50Nanos / 1e6, p99Nanos / 1e6, puts, errors, window.toNanos() / 1e9);
    }
}
