package io.synod.ejb.config;

import io.synod.core.consensus.NodeId;
import io.synod.ejb.runtime.ConsensusProtocol;
import io.synod.core.statemachine.kv.KvLimits;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The node's validated configuration.
 *
 * @param transportHost absent means "the address Payara's Hazelcast binds to", resolved once discovery starts
 * @param adminPassword absent means "generate one and keep it in the data directory"
 * @param kvMaxKeyBytes   longest key-value store key, in UTF-8 bytes
 * @param kvMaxValueBytes largest key-value store value
 * @param viewer        the read-only console user, if configured (user name and password)
 * @param sessionTtlMillis lock session TTL ({@code synod.session.ttl})
 * @param detector        the failure detector's tuning ({@code synod.detector.*})
 */
public record NodeSettings(
        NodeId nodeId,
        Path dataDir,
        ClusterSecret clusterSecret,
        int bootstrapExpect,
        Optional<String> transportHost,
        int transportPort,
        int raftTickMillis,
        long snapshotEntries,
        boolean autoPromote,
        long catchUpEntries,
        int clientRequestTimeoutMillis,
        long healthMaxLag,
        String adminUsername,
        Optional<String> adminPassword,
        ConsensusProtocol protocol,
        int kvMaxKeyBytes,
        int kvMaxValueBytes,
        Optional<ViewerLogin> viewer,
        int sessionTtlMillis,
        io.synod.ejb.detector.DetectorSettings detector) {

    /** The key-value store's limits: the core's defaults with the configured key and value bounds. */
    public KvLimits kvLimits() {
        return KvLimits.DEFAULT.withMaxKeyBytes(kvMaxKeyBytes).withMaxValueBytes(kvMaxValueBytes);
    }

    /** The read-only console user: both keys are set, or neither. */
    public record ViewerLogin(String username, String password) {
        @Override
        public String toString() {
            return "ViewerLogin[" + username + ", ********]";
        }
    }

    /** Values to show operators (console, logs): everything but secrets. */
    public java.util.Map<String, String> describe() {
        var shown = new java.util.LinkedHashMap<String, String>();
        shown.put(ConfigKey.NODE_ID.key(), nodeId.value());
        shown.put(ConfigKey.DATA_DIR.key(), dataDir.toString());
        shown.put(ConfigKey.CLUSTER_SECRET.key(), clusterSecret.toString());
        shown.put(ConfigKey.BOOTSTRAP_EXPECT.key(), Integer.toString(bootstrapExpect));
        shown.put(ConfigKey.TRANSPORT_HOST.key(), transportHost.orElse("(Hazelcast bind address)"));
        shown.put(ConfigKey.TRANSPORT_PORT.key(), Integer.toString(transportPort));
        shown.put(ConfigKey.PROTOCOL.key(), protocol.configName());
        shown.put(ConfigKey.RAFT_TICK_MILLIS.key(), Integer.toString(raftTickMillis));
        shown.put(ConfigKey.SNAPSHOT_ENTRIES.key(), Long.toString(snapshotEntries));
        shown.put(ConfigKey.MEMBERSHIP_AUTO_PROMOTE.key(), Boolean.toString(autoPromote));
        shown.put(ConfigKey.MEMBERSHIP_CATCH_UP_ENTRIES.key(), Long.toString(catchUpEntries));
        shown.put(ConfigKey.CLIENT_REQUEST_TIMEOUT_MILLIS.key(), Integer.toString(clientRequestTimeoutMillis));
        shown.put(ConfigKey.HEALTH_MAX_LAG.key(), Long.toString(healthMaxLag));
        shown.put(ConfigKey.KV_MAX_KEY_BYTES.key(), Integer.toString(kvMaxKeyBytes));
        shown.put(ConfigKey.KV_MAX_VALUE_BYTES.key(), Integer.toString(kvMaxValueBytes));
        shown.put(ConfigKey.SESSION_TTL.key(), Integer.toString(sessionTtlMillis));
        shown.put(ConfigKey.DETECTOR_HEARTBEAT_INTERVAL_MILLIS.key(), Long.toString(detector.heartbeatInterval().toMillis()));
        shown.put(ConfigKey.DETECTOR_PHI_THRESHOLD.key(), Double.toString(detector.phiThreshold()));
        shown.put(ConfigKey.DETECTOR_ACCEPTABLE_PAUSE_MILLIS.key(), Long.toString(detector.acceptablePause().toMillis()));
        shown.put(ConfigKey.DETECTOR_CONDEMN_AFTER_MILLIS.key(), Long.toString(detector.condemnAfter().toMillis()));
        shown.put(ConfigKey.ADMIN_USERNAME.key(), adminUsername);
        shown.put(ConfigKey.ADMIN_PASSWORD.key(), adminPassword.isPresent() ? "******** (configured)" : "******** (generated)");
        shown.put(ConfigKey.VIEWER_USER.key(), viewer.map(ViewerLogin::username).orElse("(none)"));
        shown.put(ConfigKey.VIEWER_PASSWORD.key(), viewer.isPresent() ? "******** (configured)" : "(none)");
        return shown;
    }
}
