package io.synod.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The KV load benchmark: the same put workload against a local 3-instance Synod cluster and a local 3-member
 * etcd 3.4 cluster, both fsyncing every commit, one system at a time (each cluster runs only while it is
 * measured, so neither pays for the other's idle CPU). Prints puts/s, p50 and p99 per system and thread count,
 * then the ratio line {@code synod/etcd puts/s: 16 threads X.XX×, 64 threads Y.YY×}.
 *
 * <p>Run by {@code mvn -Pload-bench -pl benchmarks -am verify -DskipTests} (see benchmarks/README.md), or
 * directly with the module's classpath; settings are {@code -Dbench.*} system properties ({@link LoadSettings}).
 */
public final class KvLoadDriver {

    private final LoadSettings settings;
    private final PrintStream out;

    KvLoadDriver(LoadSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<LoadResult> results = new KvLoadDriver(LoadSettings.fromSystemProperties(), out).run();
        boolean allFailed = results.stream().anyMatch(r -> r.puts() == 0);
        System.exit(allFailed ? 1 : 0);
    }

    List<LoadResult> run() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "KV load: %s threads, %d-byte values, warm-up %ds, window %ds, %d CPUs, load average %s%n",
                settings.threadCounts(), settings.valueBytes(), settings.warmup().toSeconds(),
                settings.duration().toSeconds(), Runtime.getRuntime().availableProcessors(), loadAverage());
        List<LoadResult> results = new ArrayList<>();
        Map<String, FailoverGap> gaps = new LinkedHashMap<>();
        for (String system : settings.systems()) {
            results.addAll(measure(system, gaps));
        }
        out.println();
        out.println("=== KV load results (3 members each, fsync on, 127.0.0.1) ===");
        results.forEach(r -> out.println(r.line()));
        ResultLines.synodVsEtcd(results).ifPresent(out::println);
        ResultLines.raftVsMultiPaxos(results).forEach(out::println);
        ResultLines.failoverGaps(gaps).ifPresent(out::println);
        return results;
    }

    private List<LoadResult> measure(String system, Map<String, FailoverGap> gaps) throws IOException, InterruptedException {
        String script = !LoadSettings.isSynod(system) ? "etcd-cluster" : "synod-cluster";
        List<LoadResult> results = new ArrayList<>();
        try (ClusterScript cluster = new ClusterScript(settings.repo(), script, settings.scriptEnvironment(system))) {
            if (settings.manageClusters()) {
                cluster.cleanUp();
            }
            KvPutProtocol protocol = system.equals(LoadSettings.ETCD)
                    ? new EtcdV3GatewayProtocol()
                    : new SynodKvProtocol(system, settings.synodAdminPassword(system));
            List<Member> members = settings.members(system);
            out.println("--- " + system + " at " + members + " ---");
            for (int threads : settings.threadCounts()) {
                LoadResult result = new LoadRun(protocol, members, settings).run(threads);
                out.println(result.line() + "   load average " + loadAverage());
                result.firstError().ifPresent(e -> out.println("       first error: " + e));
                results.add(result);
            }
            if (settings.failover().enabled() && LoadSettings.isSynod(system)) {
                FailoverGap gap = new FailoverRun(protocol, members, settings, settings.synodAdminPassword(system))
                        .run(cluster);
                out.printf(Locale.ROOT, "%s failover: %d writers, gap %s, longest pause between acks %d ms, %d acks%n",
                        system, settings.failover().threads(), gap.gapText(),
                        Math.round(gap.longestPauseNanos() / 1e6), gap.acks());
                gaps.put(system, gap);
            }
        }
        return results;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
