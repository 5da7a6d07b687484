package io.synod.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The comparison lines printed after the per-system results. */
final class ResultLines {

    private ResultLines() {
    }

    /** {@code synod/etcd puts/s: 16 threads X.XX×, 64 threads Y.YY×}, when both systems ran. */
    static Optional<String> synodVsEtcd(List<LoadResult> results) {
        List<String> parts = new ArrayList<>();
        for (LoadResult synod : results) {
            if (!synod.system().equals(LoadSettings.SYNOD)) {
                continue;
            }
            find(results, LoadSettings.ETCD, synod.threads())
                    .ifPresent(etcd -> parts.add(String.format(Locale.ROOT, "%d threads %.2f×", synod.threads(),
                            synod.putsPerSecond() / etcd.putsPerSecond())));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of("synod/etcd puts/s: " + String.join(", ", parts));
    }

    /**
     * One line per thread count at which both Synod protocols ran:
     * {@code raft vs multipaxos: 16 threads puts/s A vs B (B/A x.xx×), p99 P vs Q ms}.
     */
    static List<String> raftVsMultiPaxos(List<LoadResult> results) {
        List<String> lines = new ArrayList<>();
        for (LoadResult raft : results) {
            if (!raft.system().equals(LoadSettings.SYNOD) || raft.puts() == 0) {
                continue;
            }
            find(results, LoadSettings.SYNOD_MULTIPAXOS, raft.threads()).ifPresent(paxos -> lines.add(
                    String.format(Locale.ROOT, "raft vs multipaxos: %d threads puts/s %.1f vs %.1f (B/A %.2f×), p99 %.2f vs %.2f ms",
                            raft.threads(), raft.putsPerSecond(), paxos.putsPerSecond(),
                            paxos.putsPerSecond() / raft.putsPerSecond(), raft.p99Nanos() / 1e6, paxos.p99Nanos() / 1e6)));
        }
        return lines;
    }

    /** {@code failover write gap: raft X ms, multipaxos Y ms}, for the protocols whose failover phase ran. */
    static Optional<String> failoverGaps(Map<String, FailoverGap> gapsBySystem) {
        List<String> parts = new ArrayList<>();
        for (String system : List.of(LoadSettings.SYNOD, LoadSettings.SYNOD_MULTIPAXOS)) {
            FailoverGap gap = gapsBySystem.get(system);
            if (gap != null) {
                parts.add(LoadSettings.synodProtocol(system) + " " + gap.gapText()
                        + String.format(Locale.ROOT, " (longest pause between acks %d ms)",
                                Math.round(gap.longestPauseNanos() / 1e6)));
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of("failover write gap: " + String.join(", ", parts));
    }

    private static Optional<LoadResult> find(List<LoadResult> results, String system, int threads) {
        return results.stream().filter(r -> r.system().equals(system) && r.threads() == threads && r.puts() > 0)
                .findFirst();
    }
}
