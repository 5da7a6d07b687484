package io.synod.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local cluster started and stopped through its deploy script ({@code deploy-scripts/<name>.sh}), which
 * inherits this process's environment (ports) plus the given overrides (its state folder) and prints to this
 * console. Every run starts from empty data dirs ({@code clean}, then {@code up}), so neither system is
 * measured on a log or database left by an earlier run. A shutdown hook runs {@code down} if the driver is
 * interrupted, so a run never leaves servers behind.
 */
final class ClusterScript implements AutoCloseable {

    private final Path script;
    private final Map<String, String> environment;
    private final AtomicBoolean up = new AtomicBoolean();
    private final Thread downOnExit;

    ClusterScript(Path repo, String name, Map<String, String> environment) {
        this.script = repo.resolve("deploy-scripts").resolve(name + ".sh");
        this.environment = Map.copyOf(environment);
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("not an executable script: " + script);
        }
        this.downOnExit = new Thread(this::downQuietly, name + "-down");
    }

    void cleanUp() throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(downOnExit);
        up.set(true);
        for (String command : new String[] {"clean", "up"}) {
            int exit = run(command);
            if (exit != 0) {
                throw new IllegalStateException(script.getFileName() + " " + command + " failed (exit " + exit + ")");
            }
        }
    }

    /** SIGKILL instance {@code instance} (1..3) through the script's {@code kill I}. */
    void kill(int instance) throws IOException, InterruptedException {
        int exit = run("kill", Integer.toString(instance));
        if (exit != 0) {
            throw new IllegalStateException(script.getFileName() + " kill " + instance + " failed (exit " + exit + ")");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (up.compareAndSet(true, false)) {
            run("down");
            Runtime.getRuntime().removeShutdownHook(downOnExit);
        }
    }

    private void downQuietly() {
        if (up.compareAndSet(true, false)) {
            try {
                run("down");
            } catch (IOException | InterruptedException e) {
                System.err.println(script.getFileName() + " down failed: " + e);
            }
        }
    }

    private int run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(script.toString());
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).inheritIO();
        builder.environment().putAll(environment);
        Process process = builder.start();
        return process.waitFor();
    }
}
