package io.synod.ejb.discovery;

import io.synod.core.consensus.NodeId;

import java.util.Objects;

/**
 * What a node tells the others about itself. Travels through Hazelcast as a plain versioned string, so no
 * application class ever has to be deserialized by another application's (or another version's) class loader.
 */
public record MemberAnnouncement(NodeId nodeId, String transportHost, int transportPort) {

    private static final String VERSION = "v1";
    private static final String SEPARATOR = "|";

    public MemberAnnouncement {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(transportHost, "transportHost");
        if (transportPort < 1 || transportPort > 65535) {
            throw new IllegalArgumentException("transport port out of range: " + transportPort);
        }
    }

    public String encode() {
        return String.join(SEPARATOR, VERSION, nodeId.value(), transportHost, Integer.toString(transportPort));
    }

    /**
     * @throws IllegalArgumentException for anything that is not a v1 announcement (logged and ignored by the
     *                                  directory: a bad entry must not take discovery down)
     */
    public static MemberAnnouncement decode(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\|", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a Synod member announcement: " + encoded);
        }
        try {
            return new MemberAnnouncement(NodeId.of(parts[1]), parts[2], Integer.parseInt(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad transport port in announcement: " + encoded, e);
        }
    }
}
