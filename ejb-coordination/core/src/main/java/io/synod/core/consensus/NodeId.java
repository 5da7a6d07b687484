package io.synod.core.consensus;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A member's stable identity (by default the Payara instance name). Survives restarts: it names the
 * data directory's owner and is what votes and configurations refer to.
 */
public record NodeId(String value) implements Comparable<NodeId> {

    /** Letters, digits, dot, underscore and dash; 1 to 64 characters. Safe in file names, URLs and metrics tags. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "invalid node id '" + value + "': use 1-64 characters from [A-Za-z0-9._-]");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
