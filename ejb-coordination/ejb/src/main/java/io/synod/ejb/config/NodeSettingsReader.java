package io.synod.ejb.config;

import io.synod.core.consensus.NodeId;
import io.synod.ejb.runtime.ConsensusProtocol;
import io.synod.core.statemachine.kv.KvLimits;

import io.synod.ejb.detector.DetectorSettings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates every {@link ConfigKey}. Pure (a key lookup function in, settings or a one-line
 * {@link InvalidConfigurationException} out) so every rule is unit-tested without a server.
 */
public final class NodeSettingsReader {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** A value must fit one log entry (the transport's 2 MiB entry bound) with room for its key and framing. */
    static final int MAX_VALUE_BYTES = 2 * 1024 * 1024 - 128 * 1024;

    private final Function<String, Optional<String>> lookup;

    /** @param lookup the raw value of a key (MicroProfile Config in the server), empty when unset */
    public NodeSettingsReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * @param instanceName the Payara instance name, the default node id
     * @param serverRoot   the Payara instance root, under which the default data directory lives
     */
    public NodeSettings read(Optional<String> instanceName, Path serverRoot) {
        NodeId nodeId = nodeId(instanceName);
        return new NodeSettings(
                nodeId,
                dataDir(serverRoot, nodeId),
                ClusterSecret.of(raw(ConfigKey.CLUSTER_SECRET).orElse(null)),
                intIn(ConfigKey.BOOTSTRAP_EXPECT, 1, 99),
                transportHost(),
                intIn(ConfigKey.TRANSPORT_PORT, 1, 65535),
                intIn(ConfigKey.RAFT_TICK_MILLIS, 10, 10_000),
                intIn(ConfigKey.SNAPSHOT_ENTRIES, 100, 100_000_000),
                bool(ConfigKey.MEMBERSHIP_AUTO_PROMOTE),
                intIn(ConfigKey.MEMBERSHIP_CATCH_UP_ENTRIES, 0, 100_000_000),
                intIn(ConfigKey.CLIENT_REQUEST_TIMEOUT_MILLIS, 100, 600_000),
                intIn(ConfigKey.HEALTH_MAX_LAG, 0, 100_000_000),
                adminUsername(),
                adminPassword(),
                protocol(),
                intIn(ConfigKey.KV_MAX_KEY_BYTES, 1, KvLimits.HARD_MAX_KEY_BYTES),
                intIn(ConfigKey.KV_MAX_VALUE_BYTES, 0, MAX_VALUE_BYTES),
                viewer(),
                intIn(ConfigKey.SESSION_TTL, 1000, 3_600_000),
                detector());
    }

    private DetectorSettings detector() {
        return new DetectorSettings(
                Duration.ofMillis(intIn(ConfigKey.DETECTOR_HEARTBEAT_INTERVAL_MILLIS, 10, 60_000)),
                doubleIn(ConfigKey.DETECTOR_PHI_THRESHOLD, 0.5, 50),
                Duration.ofMillis(intIn(ConfigKey.DETECTOR_ACCEPTABLE_PAUSE_MILLIS, 0, 600_000)),
                Duration.ofMillis(intIn(ConfigKey.DETECTOR_CONDEMN_AFTER_MILLIS, 0, 3_600_000)));
    }

    private double doubleIn(ConfigKey key, double min, double max) {
        String value = raw(key).orElse(key.defaultValue().orElseThrow());
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!(parsed >= min && parsed <= max)) {
            throw InvalidConfigurationException.of(key, value, "must be a number from " + min + " to " + max);
        }
        return parsed;
    }

    private NodeId nodeId(Optional<String> instanceName) {
        Optional<String> configured = raw(ConfigKey.NODE_ID);
        String value = configured.or(() -> instanceName).orElseThrow(() -> new InvalidConfigurationException(
                "invalid configuration: " + ConfigKey.NODE_ID.key()
                        + " is not set and the Payara instance name is unavailable (set synod.node-id or start Payara Micro with --name)"));
        try {
            return NodeId.of(value);
        } catch (IllegalArgumentException e) {
            throw InvalidConfigurationException.of(ConfigKey.NODE_ID, value,
                    "use 1-64 characters from letters, digits, '.', '_', '-'");
        }
    }

    private Path dataDir(Path serverRoot, NodeId nodeId) {
        Optional<String> configured = raw(ConfigKey.DATA_DIR);
        if (configured.isEmpty()) {
            return serverRoot.resolve("synod-data").resolve(nodeId.value()).toAbsolutePath().normalize();
        }
        try {
            Path path = Path.of(configured.get());
            if (!path.isAbsolute()) {
                throw InvalidConfigurationException.of(ConfigKey.DATA_DIR, configured.get(), "must be an absolute path");
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            throw InvalidConfigurationException.of(ConfigKey.DATA_DIR, configured.get(), "not a valid path: " + e.getReason());
        }
    }

    private ConsensusProtocol protocol() {
        String value = raw(ConfigKey.PROTOCOL).orElse(ConfigKey.PROTOCOL.defaultValue().orElseThrow());
        return ConsensusProtocol.ofConfigName(value).orElseThrow(() ->
                InvalidConfigurationException.of(ConfigKey.PROTOCOL, value, "must be raft or multipaxos"));
    }

    private Optional<String> transportHost() {
        Optional<String> configured = raw(ConfigKey.TRANSPORT_HOST);
        configured.filter(h -> !HOST.matcher(h).matches()).ifPresent(h -> {
            throw InvalidConfigurationException.of(ConfigKey.TRANSPORT_HOST, h, "must be a host name or IP address");
        });
        return configured;
    }

    private String adminUsername() {
        String value = raw(ConfigKey.ADMIN_USERNAME).orElse(ConfigKey.ADMIN_USERNAME.defaultValue().orElseThrow());
        if (!USER.matcher(value).matches()) {
            throw InvalidConfigurationException.of(ConfigKey.ADMIN_USERNAME, value,
                    "use 1-64 characters from letters, digits, '.', '_', '@', '-'");
        }
        return value;
    }

    private Optional<String> adminPassword() {
        Optional<String> configured = raw(ConfigKey.ADMIN_PASSWORD);
        configured.filter(p -> p.length() < 8).ifPresent(p -> {
            throw new InvalidConfigurationException("invalid configuration: " + ConfigKey.ADMIN_PASSWORD.key()
                    + " is too short (at least 8 characters)");
        });
        return configured;
    }

    private boolean bool(ConfigKey key) {
        String value = raw(key).orElse(key.defaultValue().orElseThrow());
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidConfigurationException.of(key, value, "must be true or false");
        };
    }

    /** The read-only user: both keys or neither, a valid name other than the admin's, 8+ character password. */
    private Optional<NodeSettings.ViewerLogin> viewer() {
        Optional<String> user = raw(ConfigKey.VIEWER_USER);
        Optional<String> password = raw(ConfigKey.VIEWER_PASSWORD);
        if (user.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new InvalidConfigurationException("invalid configuration: " + ConfigKey.VIEWER_USER.key() + " and "
                    + ConfigKey.VIEWER_PASSWORD.key() + " must be set together");
        }
        if (!USER.matcher(user.get()).matches()) {
            throw InvalidConfigurationException.of(ConfigKey.VIEWER_USER, user.get(),
                    "use 1-64 characters from letters, digits, '.', '_', '@', '-'");
        }
        if (user.get().equals(adminUsername())) {
            throw InvalidConfigurationException.of(ConfigKey.VIEWER_USER, user.get(),
                    "must differ from " + ConfigKey.ADMIN_USERNAME.key());
        }
        if (password.get().length() < 8) {
            throw new InvalidConfigurationException("invalid configuration: " + ConfigKey.VIEWER_PASSWORD.key()
                    + " is too short (at least 8 characters)");
        }
        return Optional.of(new NodeSettings.ViewerLogin(user.get(), password.get()));
    }

    private int intIn(ConfigKey key, int min, int max) {
        String value = raw(key).orElse(key.defaultValue().orElseThrow());
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw InvalidConfigurationException.of(key, value, "must be an integer from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw InvalidConfigurationException.of(key, value, "must be an integer from " + min + " to " + max);
        }
        return parsed;
    }

    /** A set value, trimmed; blank counts as unset. */
    private Optional<String> raw(ConfigKey key) {
        return lookup.apply(key.key()).map(String::trim).filter(v -> !v.isEmpty());
    }
}
