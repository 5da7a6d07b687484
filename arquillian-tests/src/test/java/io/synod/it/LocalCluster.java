package io.synod.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real loopback cluster of Payara Micro instances, started through {@code deploy-scripts/synod-cluster.sh}
 * exactly as an operator starts one, once per test run (every class that uses this extension shares it),
 * with its own state folder and ports so an operator's cluster on the same machine is untouched. Stopped
 * with {@code synod-cluster.sh down} when the run ends, and by a shutdown hook if the JVM is cut short.
 */
public final class LocalCluster implements BeforeAllCallback, ParameterResolver {

    public static final int SIZE = 3;
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "it-admin-password-" + Long.toHexString(System.nanoTime());
    public static final String CLUSTER_SECRET = "it-cluster-secret-0123456789abcdef";
    /** How long {@code up} waits for readiness (the script's SYNOD_READY_TIMEOUT); raise it on a loaded machine. */
    static final int READY_TIMEOUT_SECONDS = Integer.getInteger("synod.it.ready.timeout", 240);
    /** The read-only console user (role synod-viewer). */
    public static final String VIEWER_USER = "viewer";
    public static final String VIEWER_PASSWORD = "it-viewer-password-" + Long.toHexString(System.nanoTime());
    /**
     * {@code synod.snapshot.entries} of the test cluster: the smallest allowed, so that a few hundred writes
     * compact the log and a member restarted after them must catch up through InstallSnapshot (FailoverIT).
     */
    public static final int SNAPSHOT_ENTRIES = 100;

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    /** The started cluster; closing it (at the end of the run) stops every instance. */
    public static final class Running implements AutoCloseable {

        private final Script script;
        private final Thread shutdownHook;
        private final Duration upTime;

        private Running(Script script, Duration upTime) {
            this.script = script;
            this.upTime = upTime;
            this.shutdownHook = new Thread(() -> script.runQuietly("down"));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        /**
         * {@code synod.it.protocol} picks the consensus protocol of the whole cluster (raft by default);
         * {@code synod.it.port.offset} shifts every port, so that a second failsafe execution (the multipaxos
         * one) gets its own range next to the first; the state folder is named after {@code synod.it.state}.
         */
        static Running start() {
            int offset = Integer.getInteger("synod.it.port.offset", 0);
            // a shared, loaded build machine may need longer than the script's default (240 s) to deploy
            int readySeconds = READY_TIMEOUT_SECONDS;
            String name = Path.of(System.getProperty("synod.it.state", "target/it-cluster")).getFileName().toString();
            Script script = Script.forTests(name, Integer.getInteger("synod.it.http.base.port", 18080) + offset,
                    Integer.getInteger("synod.it.hz.base.port", 16900) + offset,
                    Integer.getInteger("synod.it.transport.base.port", 17900) + offset, settings(readySeconds));
            System.out.println("[LocalCluster] protocol " + protocol() + ", state " + script.stateDir()
                    + ", HTTP ports from " + script.httpPort(1) + ", tick " + tickMillis().orElse("default")
                    + ", snapshot every " + SNAPSHOT_ENTRIES + " entries");
            script.runQuietly("clean"); // a previous run cut short may have left instances or state behind
            long started = System.nanoTime();
            Script.Result up = script.run(Duration.ofSeconds(readySeconds + 60L), "up", String.valueOf(SIZE));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (up.exitCode() != 0) {
                script.runQuietly("down");
                throw new IllegalStateException("synod-cluster.sh up " + SIZE + " failed (exit " + up.exitCode() + "):\n" + up.output());
            }
            System.out.println("[LocalCluster] " + SIZE + " instances ready in " + took.toSeconds() + " s");
            return new Running(script, took);
        }

        public Script script() {
            return script;
        }

        /** The consensus protocol every instance of this cluster runs ({@code synod.protocol}). */
        public static String protocol() {
            return System.getProperty("synod.it.protocol", "raft");
        }

        /** The script's environment; the instances inherit it, and MicroProfile Config reads the SYNOD_ ones. */
        private static Map<String, String> settings(int readySeconds) {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "SYNOD_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "SYNOD_ADMIN_VIEWER_USER", VIEWER_USER,
                    "SYNOD_ADMIN_VIEWER_PASSWORD", VIEWER_PASSWORD,
                    "SYNOD_CLUSTER_SECRET", CLUSTER_SECRET,
                    "SYNOD_PROTOCOL", protocol(),
                    "SYNOD_READY_TIMEOUT", String.valueOf(readySeconds),
                    "SYNOD_SNAPSHOT_ENTRIES", String.valueOf(SNAPSHOT_ENTRIES)));
            tickMillis().ifPresent(tick -> env.put("SYNOD_RAFT_TICK_MILLIS", tick));
            return env;
        }

        /**
         * {@code synod.raft.tick-millis} of every instance when {@code -Dsynod.it.raft.tick-millis} is given
         * (to measure another tick on the real cluster); otherwise the node's default applies.
         */
        public static java.util.Optional<String> tickMillis() {
            return java.util.Optional.ofNullable(System.getProperty("synod.it.raft.tick-millis"));
        }

        public Duration upTime() {
            return upTime;
        }

        public String baseUrl(int instance) {
            return "http://127.0.0.1:" + script.httpPort(instance);
        }

        @Override
        public void close() {
            script.runQuietly("down");
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** deploy-scripts/synod-cluster.sh bound to one state folder and port range. */
    public record Script(Path repo, Path stateDir, int httpBase, Map<String, String> environment) {

        public record Result(int exitCode, String output) {
        }

        public static Script forTests(String name, int httpBase, int hzBase, int transportBase, Map<String, String> extra) {
            Path repo = Path.of(System.getProperty("synod.repo", "..")).toAbsolutePath().normalize();
            Path state = Path.of(System.getProperty("synod.it.state", "target/it-cluster"))
                    .resolveSibling(name).toAbsolutePath().normalize();
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "SYNOD_STATE_DIR", state.toString(),
                    "SYNOD_HTTP_BASE_PORT", String.valueOf(httpBase),
                    "SYNOD_HZ_BASE_PORT", String.valueOf(hzBase),
                    "SYNOD_TRANSPORT_BASE_PORT", String.valueOf(transportBase),
                    "SYNOD_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC",
                    "SYNOD_SKIP_BUILD", "1", // Maven built everything before the integration-test phase
                    "SYNOD_DEPLOY_EXAMPLES", "1",
                    "SYNOD_READY_TIMEOUT", String.valueOf(READY_TIMEOUT_SECONDS)));
            env.putAll(extra);
            return new Script(repo, state, httpBase, Map.copyOf(env));
        }

        /** The same script with some environment variables replaced (e.g. another cluster secret for one start). */
        public Script withEnvironment(Map<String, String> overrides) {
            Map<String, String> env = new java.util.HashMap<>(environment);
            env.putAll(overrides);
            return new Script(repo, stateDir, httpBase, Map.copyOf(env));
        }

        public int httpPort(int instance) {
            return httpBase + instance;
        }

        /** Instance I's Synod transport port (the consensus protocol's messages). */
        public int transportPort(int instance) {
            return Integer.parseInt(environment.get("SYNOD_TRANSPORT_BASE_PORT")) + instance;
        }

        public Path serverLog(int instance) {
            return stateDir.resolve("n" + instance).resolve("server.log");
        }

        public Result run(Duration timeout, String... args) {
            List<String> command = new ArrayList<>(List.of("bash", repo.resolve("deploy-scripts/synod-cluster.sh").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("SYNOD_"));
            builder.environment().putAll(environment);
            try {
                Path output = Files.createTempFile("synod-cluster-", ".out");
                builder.redirectOutput(output.toFile());
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("synod-cluster.sh " + String.join(" ", args) + " did not finish in " + timeout);
                }
                String text = Files.readString(output);
                Files.deleteIfExists(output);
                return new Result(process.exitValue(), text);
            } catch (IOException e) {
                throw new IllegalStateException("cannot run synod-cluster.sh", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        void runQuietly(String... args) {
            try {
                run(Duration.ofMinutes(2), args);
            } catch (RuntimeException e) {
                System.err.println("[LocalCluster] synod-cluster.sh " + String.join(" ", args) + " failed: " + e.getMessage());
            }
        }
    }
}
