package io.synod.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The load driver's settings. Workload knobs are system properties ({@code -Dbench.*}); where the clusters
 * listen is read from the same environment variables the cluster scripts read ({@code SYNOD_HTTP_BASE_PORT},
 * {@code ETCD_CLIENT_BASE_PORT}, ...), so the driver and the scripts it starts always agree.
 */
record LoadSettings(List<Integer> threadCounts, Duration warmup, Duration duration, int valueBytes,
        int requestTimeoutMillis, List<String> systems, boolean manageClusters, Path repo, Map<String, String> env,
        FailoverSettings failover) {

    static final String ETCD = "etcd";
    /** Synod on its default protocol, Raft. */
    static final String SYNOD = "synod";
    /** The same Synod workload on a cluster started with SYNOD_PROTOCOL=multipaxos, in its own state folder. */
    static final String SYNOD_MULTIPAXOS = "synod-multipaxos";
    private static final List<String> KNOWN_SYSTEMS = List.of(ETCD, SYNOD, SYNOD_MULTIPAXOS);

    /**
     * The optional failover phase ({@code -Dbench.failover=true}): {@code threads} writers spread over all
     * members, the leader killed after {@code beforeKill}, writes observed for {@code afterKill} more.
     */
    record FailoverSettings(boolean enabled, int threads, Duration beforeKill, Duration afterKill) {
    }

    static LoadSettings fromSystemProperties() {
        List<Integer> threads = Arrays.stream(System.getProperty("bench.threads", "16,64").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        List<String> systems = Arrays.stream(System.getProperty("bench.systems", ETCD + "," + SYNOD).split(","))
                .map(String::trim).toList();
        for (String system : systems) {
            if (!KNOWN_SYSTEMS.contains(system)) {
                throw new IllegalArgumentException("bench.systems: unknown system '" + system + "' " + KNOWN_SYSTEMS);
            }
        }
        for (int count : threads) {
            if (count < 1) {
                throw new IllegalArgumentException("bench.threads: thread counts must be positive, got " + count);
            }
        }
        return new LoadSettings(threads,
                Duration.ofSeconds(Long.getLong("bench.warmup", 5)),
                Duration.ofSeconds(Long.getLong("bench.duration", 20)),
                Integer.getInteger("bench.valueBytes", 100),
                Integer.getInteger("bench.requestTimeoutMillis", 10_000),
                systems,
                Boolean.parseBoolean(System.getProperty("bench.manageClusters", "true")),
                repoRoot(),
                System.getenv(),
                new FailoverSettings(Boolean.parseBoolean(System.getProperty("bench.failover", "false")),
                        Integer.getInteger("bench.failover.threads", 16),
                        Duration.ofSeconds(Long.getLong("bench.failover.beforeKill", 5)),
                        Duration.ofSeconds(Long.getLong("bench.failover.afterKill", 30))));
    }

    /** {@code bench.repo}, else the nearest directory up from here that holds the cluster scripts. */
    private static Path repoRoot() {
        String configured = System.getProperty("bench.repo");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy-scripts/synod-cluster.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy-scripts/synod-cluster.sh above " + Path.of("").toAbsolutePath()
                + ": run from the repository or pass -Dbench.repo=/path/to/repo");
    }

    static boolean isSynod(String system) {
        return system.equals(SYNOD) || system.equals(SYNOD_MULTIPAXOS);
    }

    /** The consensus protocol a Synod system's cluster is started with (SYNOD_PROTOCOL). */
    static String synodProtocol(String system) {
        return system.equals(SYNOD_MULTIPAXOS) ? "multipaxos" : "raft";
    }

    String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private String bindAddress() {
        return env("SYNOD_BIND_ADDRESS", "127.0.0.1");
    }

    /**
     * {@code -Dbench.<system>.members=host:port,...} if given (to drive a cluster started elsewhere, or only some
     * members), else the members the cluster script starts.
     */
    List<Member> members(String system) {
        String configured = System.getProperty("bench." + system + ".members");
        if (configured != null && !configured.isBlank()) {
            return Arrays.stream(configured.split(",")).map(String::trim).map(Member::parse).toList();
        }
        return system.equals(ETCD) ? etcdMembers() : synodMembers();
    }

    /** Instance I (1..3) of synod-cluster.sh listens for HTTP on base+I. */
    private List<Member> synodMembers() {
        int base = Integer.parseInt(env("SYNOD_HTTP_BASE_PORT", "8080"));
        return List.of(new Member(bindAddress(), base + 1), new Member(bindAddress(), base + 2),
                new Member(bindAddress(), base + 3));
    }

    /** Member I (1..3) of etcd-cluster.sh listens for clients on base+10*(I-1). */
    private List<Member> etcdMembers() {
        int base = Integer.parseInt(env("ETCD_CLIENT_BASE_PORT", "2379"));
        return List.of(new Member("127.0.0.1", base), new Member("127.0.0.1", base + 10),
                new Member("127.0.0.1", base + 20));
    }

    /**
     * The state folder of the benchmark's own cluster of {@code system}: always under benchmarks/target, never a
     * folder inherited from the environment, because a benchmark run deletes it (fresh data dirs) first.
     */
    Path stateDir(String system) {
        return repo.resolve("benchmarks/target/kv-load").resolve(system);
    }

    /**
     * The variables that point a cluster script at the benchmark's state folder; for Synod also no example
     * application (it would only slow the start) and a longer readiness wait (Payara Micro can take minutes to
     * start on a loaded 2-core machine), unless the environment sets them.
     */
    Map<String, String> scriptEnvironment(String system) {
        if (system.equals(ETCD)) {
            return Map.of("ETCD_STATE_DIR", stateDir(ETCD).toString());
        }
        return Map.of("SYNOD_STATE_DIR", stateDir(system).toString(),
                "SYNOD_PROTOCOL", synodProtocol(system),
                "SYNOD_DEPLOY_EXAMPLES", env("SYNOD_DEPLOY_EXAMPLES", "0"),
                "SYNOD_READY_TIMEOUT", env("SYNOD_READY_TIMEOUT", "600"));
    }

    /** SYNOD_ADMIN_PASSWORD, else the password synod-cluster.sh generated into its state folder. */
    String synodAdminPassword(String system) throws java.io.IOException {
        String fromEnv = env.get("SYNOD_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = (manageClusters ? stateDir(system)
                : Path.of(env("SYNOD_STATE_DIR", repo.resolve(".synod-cluster").toString()))).resolve("admin-password");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no SYNOD_ADMIN_PASSWORD and no " + file + " (start the cluster first)");
        }
        return Files.readString(file).strip();
    }
}
