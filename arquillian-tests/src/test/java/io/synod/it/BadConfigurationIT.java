package io.synod.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invalid configuration value must fail Synod's deployment with a one-line reason naming the key, in the
 * server log and in what {@code synod-cluster.sh up} tells the operator, quickly rather than at its timeout.
 */
class BadConfigurationIT {

    private final LocalCluster.Script script = LocalCluster.Script.forTests("it-bad-config", 18180, 16950, 17950,
            Map.of("SYNOD_CLUSTER_SECRET", "too-short", "SYNOD_READY_TIMEOUT", "150"));

    @AfterEach
    void stop() {
        script.runQuietly("clean");
    }

    @Test
    void aTooShortClusterSecretFailsTheDeploymentWithTheOneLineReason() throws IOException {
        script.runQuietly("clean");
        long started = System.nanoTime();
        LocalCluster.Script.Result up = script.run(Duration.ofMinutes(4), "up", "1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        String reason = "invalid configuration: synod.cluster-secret is too short (9 characters; at least 16 required)";
        assertThat(up.exitCode()).as(up.output()).isNotZero();
        assertThat(up.output()).contains("n1: Synod node refuses to start: " + reason);
        assertThat(Files.readString(script.serverLog(1))).contains("Synod node refuses to start: " + reason);
        assertThat(took).as("reported at once, not at the readiness timeout").isLessThan(Duration.ofSeconds(120));

        LocalCluster.Script.Result status = script.run(Duration.ofSeconds(30), "status");
        assertThat(status.output().strip()).matches("n1 pid=\\d+ http=18181 ready=DOWN");
    }
}
