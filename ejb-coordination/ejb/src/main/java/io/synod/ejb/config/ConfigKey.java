package io.synod.ejb.config;

import java.util.Optional;

/**
 * Every configuration key the node reads. The table in {@code config/CONFIGURATION.md} documents exactly
 * these keys (a test keeps the two in step). Environment variables work as MicroProfile Config maps them:
 * {@code synod.cluster-secret} can be given as {@code SYNOD_CLUSTER_SECRET}.
 */
public enum ConfigKey {

    NODE_ID("synod.node-id", null,
            "Stable identity of this member; letters, digits, '.', '_', '-' (1-64). Default: the Payara instance name (--name)."),
    DATA_DIR("synod.data-dir", null,
            "Directory for the write-ahead log, snapshots and node files. Default: <Payara root dir>/synod-data/<node id>."),
    CLUSTER_SECRET("synod.cluster-secret", null,
            "Shared secret authenticating members to each other (at least 16 characters). Required: the node refuses to start without it."),
    BOOTSTRAP_EXPECT("synod.bootstrap-expect", "3",
            "Number of members that must be visible before the first voting configuration forms (from the N smallest node ids seen); readiness stays DOWN until a leader is known."),
    TRANSPORT_HOST("synod.transport.host", null,
            "Address the Synod transport binds to and announces. Default: the address Payara's Hazelcast binds to."),
    TRANSPORT_PORT("synod.transport.port", "7900",
            "TCP port of the Synod transport (1-65535); each instance on one host needs its own."),
    PROTOCOL("synod.protocol", "raft",
            "Consensus protocol: raft or multipaxos. The same on every member; the data directory records it and a member refuses a directory written by the other one."),
    RAFT_TICK_MILLIS("synod.raft.tick-millis", "100",
            "Length of one consensus tick in milliseconds (10-10000). The election timeout is 10 ticks (randomised up to 20), heartbeats go every tick."),
    SNAPSHOT_ENTRIES("synod.snapshot.entries", "10000",
            "A snapshot is taken, and the log compacted behind it, every this many applied entries (100-100000000)."),
    MEMBERSHIP_AUTO_PROMOTE("synod.membership.auto-promote", "true",
            "Whether the leader promotes a caught-up learner to voter by itself (true/false). When false, learners stay learners until POST .../members/{id}/promote."),
    MEMBERSHIP_CATCH_UP_ENTRIES("synod.membership.catch-up-entries", "100",
            "A learner counts as caught up while its log is at most this many entries behind the leader's (0-100000000); it is promoted once it stayed so for several checks in a row."),
    CLIENT_REQUEST_TIMEOUT_MILLIS("synod.client.request-timeout-millis", "10000",
            "How long a write or linearizable/lease read made on any member keeps being retried at whoever leads (across leader changes and lost connections) before it fails: NoLeaderException if no leader took it, IndeterminateOutcomeException if it may have been proposed (100-600000)."),
    HEALTH_MAX_LAG("synod.health.max-lag", "1000",
            "Readiness stays DOWN while the applied index trails the commit index by more than this many entries (0-100000000)."),
    KV_MAX_KEY_BYTES("synod.kv.max-key-bytes", "1024",
            "Longest key-value store key, in UTF-8 bytes (1-65536). Checked before anything is proposed; use the same value on every member."),
    KV_MAX_VALUE_BYTES("synod.kv.max-value-bytes", "1048576",
            "Largest key-value store value, in bytes (0-1966080: a log entry carries at most 2 MiB). Checked before anything is proposed; use the same value on every member."),
    SESSION_TTL("synod.session.ttl", "10000",
            "Lock session TTL in milliseconds (1000-3600000): an instance whose heartbeats (every third of it) stop reaching the leader for this long loses its session, and every lock it holds goes to the next waiter with a higher fencing token."),
    DETECTOR_HEARTBEAT_INTERVAL_MILLIS("synod.detector.heartbeat-interval-millis", "1000",
            "How often this member sends a failure-detector heartbeat to every peer and re-judges them (10-60000 ms)."),
    DETECTOR_PHI_THRESHOLD("synod.detector.phi-threshold", "8",
            "A peer is suspected once its phi (phi-accrual, Hayashibara et al.) reaches this value (0.5-50; 8 means about a 1e-8 chance it is merely late)."),
    DETECTOR_ACCEPTABLE_PAUSE_MILLIS("synod.detector.acceptable-pause-millis", "3000",
            "Silence beyond the mean heartbeat interval that is still expected (GC, a loaded host), in ms (0-600000): added to the mean before phi is computed, so it sets the detection time."),
    DETECTOR_CONDEMN_AFTER_MILLIS("synod.detector.condemn-after-millis", "10000",
            "A peer suspected without a break for this long (0-3600000 ms) is condemned (MemberCondemned); only a heartbeat lifts it."),
    ADMIN_USERNAME("synod.admin.username", "admin",
            "User name for the admin console and ops API (role synod-admin)."),
    ADMIN_PASSWORD("synod.admin.password", null,
            "Password for the admin console. When unset, the node generates one at first start, stores it in <data dir>/admin-password (mode 600) and logs it once."),
    VIEWER_USER("synod.admin.viewer-user", null,
            "User name of the read-only console and ops API user (role synod-viewer). Unset: no viewer. Set together with synod.admin.viewer-password."),
    VIEWER_PASSWORD("synod.admin.viewer-password", null,
            "Password of the read-only user (at least 8 characters). Set together with synod.admin.viewer-user.");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }
}
