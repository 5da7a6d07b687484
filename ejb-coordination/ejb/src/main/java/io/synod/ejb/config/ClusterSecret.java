package io.synod.ejb.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The shared cluster secret. Never printed: {@link #toString()} is redacted. */
public final class ClusterSecret {

    static final int MIN_LENGTH = 16;

    private final byte[] bytes;

    private ClusterSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    static ClusterSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException("invalid configuration: " + ConfigKey.CLUSTER_SECRET.key()
                    + " is not set (required; set SYNOD_CLUSTER_SECRET to at least " + MIN_LENGTH + " characters)");
        }
        if (value.length() < MIN_LENGTH) {
            throw new InvalidConfigurationException("invalid configuration: " + ConfigKey.CLUSTER_SECRET.key()
                    + " is too short (" + value.length() + " characters; at least " + MIN_LENGTH + " required)");
        }
        return new ClusterSecret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the secret's bytes, for keyed MACs. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "********";
    }
}
