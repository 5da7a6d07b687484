package io.synod.ejb.config;

import io.synod.ejb.runtime.ConsensusProtocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeSettingsReaderTest {

    private static final String SECRET = "0123456789abcdef-secret";
    private static final Path ROOT = Path.of("/srv/payara/n1");

    private final Map<String, String> values = new HashMap<>(Map.of("synod.cluster-secret", SECRET));

    private NodeSettings read(Optional<String> instanceName) {
        return new NodeSettingsReader(key -> Optional.ofNullable(values.get(key))).read(instanceName, ROOT);
    }

    @Test
    void defaultsFollowTheInstance() {
        NodeSettings settings = read(Optional.of("n1"));
        assertThat(settings.nodeId().value()).isEqualTo("n1");
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/payara/n1/synod-data/n1"));
        assertThat(settings.bootstrapExpect()).isEqualTo(3);
        assertThat(settings.transportPort()).isEqualTo(7900);
        assertThat(settings.transportHost()).isEmpty();
        assertThat(settings.adminUsername()).isEqualTo("admin");
        assertThat(settings.adminPassword()).isEmpty();
        assertThat(settings.raftTickMillis()).isEqualTo(100);
        assertThat(settings.snapshotEntries()).isEqualTo(10_000);
        assertThat(settings.healthMaxLag()).isEqualTo(1000);
        assertThat(settings.clientRequestTimeoutMillis()).isEqualTo(10_000);
        assertThat(settings.sessionTtlMillis()).isEqualTo(10_000);
        assertThat(settings.protocol()).isEqualTo(ConsensusProtocol.RAFT);
    }

    @Test
    void theDetectorHasDefaultsAndCanBeTuned() {
        assertThat(read(Optional.of("n1")).detector()).isEqualTo(io.synod.ejb.detector.DetectorSettings.DEFAULT);
        values.putAll(Map.of("synod.detector.heartbeat-interval-millis", "200", "synod.detector.phi-threshold", "5.5",
                "synod.detector.acceptable-pause-millis", "0", "synod.detector.condemn-after-millis", "60000"));
        var detector = read(Optional.of("n1")).detector();
        assertThat(detector.heartbeatInterval()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(detector.phiThreshold()).isEqualTo(5.5);
        assertThat(detector.acceptablePause()).isZero();
        assertThat(detector.condemnAfter()).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @CsvSource({
            "synod.detector.phi-threshold, 0, must be a number from 0.5 to 50",
            "synod.detector.phi-threshold, NaN, must be a number from 0.5 to 50",
            "synod.detector.phi-threshold, eight, must be a number from 0.5 to 50",
            "synod.detector.heartbeat-interval-millis, 5, must be an integer from 10 to 60000",
            "synod.detector.acceptable-pause-millis, -1, must be an integer from 0 to 600000",
            "synod.detector.condemn-after-millis, 1h, must be an integer from 0 to 3600000"})
    void aBadDetectorValueIsRefused(String key, String value, String rule) {
        values.put(key, value);
        assertThatThrownBy(() -> read(Optional.of("n1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(key).hasMessageContaining(rule);
    }

    @Test
    void multiPaxosCanBeChosen() {
        values.put("synod.protocol", "multipaxos");
        NodeSettings settings = read(Optional.of("n1"));
        assertThat(settings.protocol()).isEqualTo(ConsensusProtocol.MULTIPAXOS);
        assertThat(settings.describe()).containsEntry("synod.protocol", "multipaxos");
    }

    @Test
    void raftSettingsCanBeTuned() {
        values.putAll(Map.of("synod.raft.tick-millis", "50", "synod.snapshot.entries", "500",
                "synod.health.max-lag", "0", "synod.client.request-timeout-millis", "2500",
                "synod.session.ttl", "3000"));
        NodeSettings settings = read(Optional.of("n1"));
        assertThat(settings.raftTickMillis()).isEqualTo(50);
        assertThat(settings.snapshotEntries()).isEqualTo(500);
        assertThat(settings.healthMaxLag()).isZero();
        assertThat(settings.clientRequestTimeoutMillis()).isEqualTo(2500);
        assertThat(settings.sessionTtlMillis()).isEqualTo(3000);
        assertThat(settings.describe()).containsEntry("synod.raft.tick-millis", "50");
    }

    @Test
    void keyValueLimitsDefaultToOneKibAndOneMibAndCanBeTuned() {
        NodeSettings defaults = read(Optional.of("n1"));
        assertThat(defaults.kvLimits().maxKeyBytes()).isEqualTo(1024);
        assertThat(defaults.kvLimits().maxValueBytes()).isEqualTo(1024 * 1024);

        values.putAll(Map.of("synod.kv.max-key-bytes", "64", "synod.kv.max-value-bytes", "4096"));
        NodeSettings tuned = read(Optional.of("n1"));
        assertThat(tuned.kvLimits().maxKeyBytes()).isEqualTo(64);
        assertThat(tuned.kvLimits().maxValueBytes()).isEqualTo(4096);
        assertThat(tuned.describe()).containsEntry("synod.kv.max-key-bytes", "64")
                .containsEntry("synod.kv.max-value-bytes", "4096");
    }

    @Test
    void configuredValuesWin() {
        values.putAll(Map.of("synod.node-id", "alpha", "synod.data-dir", "/data/synod",
                "synod.bootstrap-expect", "5", "synod.transport.host", "10.0.0.7", "synod.transport.port", "7911",
                "synod.admin.username", "ops", "synod.admin.password", "correct horse"));
        NodeSettings settings = read(Optional.of("n1"));
        assertThat(settings.nodeId().value()).isEqualTo("alpha");
        assertThat(settings.dataDir()).isEqualTo(Path.of("/data/synod"));
        assertThat(settings.bootstrapExpect()).isEqualTo(5);
        assertThat(settings.transportHost()).contains("10.0.0.7");
        assertThat(settings.transportPort()).isEqualTo(7911);
        assertThat(settings.adminUsername()).isEqualTo("ops");
        assertThat(settings.adminPassword()).contains("correct horse");
    }

    @Test
    void secretsNeverShowInTheDescription() {
        values.put("synod.admin.password", "correct horse");
        NodeSettings settings = read(Optional.of("n1"));
        assertThat(settings.describe().toString()).doesNotContain(SECRET).doesNotContain("correct horse");
        assertThat(settings.clusterSecret().toString()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "synod.bootstrap-expect, 0, 'synod.bootstrap-expect=0 (must be an integer from 1 to 99)'",
            "synod.bootstrap-expect, three, 'synod.bootstrap-expect=three (must be an integer from 1 to 99)'",
            "synod.transport.port, 70000, 'synod.transport.port=70000 (must be an integer from 1 to 65535)'",
            "synod.transport.port, -1, 'synod.transport.port=-1 (must be an integer from 1 to 65535)'",
            "synod.raft.tick-millis, 5, 'synod.raft.tick-millis=5 (must be an integer from 10 to 10000)'",
            "synod.snapshot.entries, 10, 'synod.snapshot.entries=10 (must be an integer from 100 to 100000000)'",
            "synod.client.request-timeout-millis, 99, 'synod.client.request-timeout-millis=99 (must be an integer from 100 to 600000)'",
            "synod.session.ttl, 999, 'synod.session.ttl=999 (must be an integer from 1000 to 3600000)'",
            "synod.session.ttl, 10s, 'synod.session.ttl=10s (must be an integer from 1000 to 3600000)'",
            "synod.protocol, paxos, 'synod.protocol=paxos (must be raft or multipaxos)'",
            "synod.protocol, RAFT, 'synod.protocol=RAFT (must be raft or multipaxos)'",
            "synod.health.max-lag, -1, 'synod.health.max-lag=-1 (must be an integer from 0 to 100000000)'",
            "synod.node-id, 'bad id!', 'synod.node-id=bad id! (use 1-64 characters'",
            "synod.data-dir, relative/dir, 'synod.data-dir=relative/dir (must be an absolute path)'",
            "synod.transport.host, 'not a host', 'synod.transport.host=not a host (must be a host name or IP address)'",
            "synod.kv.max-key-bytes, 0, 'synod.kv.max-key-bytes=0 (must be an integer from 1 to 65536)'",
            "synod.kv.max-value-bytes, 1966081, 'synod.kv.max-value-bytes=1966081 (must be an integer from 0 to 1966080)'",
            "synod.admin.username, 'a b', 'synod.admin.username=a b (use 1-64 characters'",
            "synod.cluster-secret, short, 'synod.cluster-secret is too short (5 characters; at least 16 required)'",
            "synod.admin.password, 1234567, 'synod.admin.password is too short (at least 8 characters)'"
    })
    void invalidValuesAreRefusedWithAOneLineReason(String key, String value, String expected) {
        values.put(key, value);
        assertThatThrownBy(() -> read(Optional.of("n1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingSecretIsRefused() {
        values.remove("synod.cluster-secret");
        assertThatThrownBy(() -> read(Optional.of("n1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("synod.cluster-secret is not set");
    }

    @Test
    void noNodeIdAndNoInstanceNameIsRefused() {
        assertThatThrownBy(() -> read(Optional.empty()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("synod.node-id is not set");
    }

    @Test
    void blankValuesCountAsUnset() {
        values.put("synod.bootstrap-expect", "  ");
        assertThat(read(Optional.of("n1")).bootstrapExpect()).isEqualTo(3);
    }

    @Test
    void aViewerIsConfiguredByBothKeysAndItsPasswordIsNeverShown() {
        assertThat(read(Optional.of("n1")).viewer()).isEmpty();
        values.put("synod.admin.viewer-user", "ops");
        values.put("synod.admin.viewer-password", "look-but-do-not-touch");
        NodeSettings settings = read(Optional.of("n1"));
        assertThat(settings.viewer()).contains(new NodeSettings.ViewerLogin("ops", "look-but-do-not-touch"));
        assertThat(settings.describe().toString()).contains("ops").doesNotContain("look-but-do-not-touch");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "ops;;must be set together",
            ";look-but-do-not-touch;must be set together",
            "admin;look-but-do-not-touch;must differ from synod.admin.username",
            "o p s;look-but-do-not-touch;synod.admin.viewer-user=o p s",
            "ops;short;synod.admin.viewer-password is too short"})
    void aBadViewerIsRefused(String user, String password, String expected) {
        Optional.ofNullable(user).ifPresent(u -> values.put("synod.admin.viewer-user", u));
        Optional.ofNullable(password).ifPresent(p -> values.put("synod.admin.viewer-password", p));
        assertThatThrownBy(() -> read(Optional.of("n1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("look-but-do-not-touch");
    }
}
