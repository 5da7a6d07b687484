package io.synod.ejb.discovery;

import io.synod.core.consensus.NodeId;

import java.util.Objects;

/**
 * What a node tells the others about itself. Travels through Hazelcast as a plain versioned string, so no
 * application class ever has to be deserialized by another application's (or another version's) class loader.
 *
 * @param joining the node runs with no Raft state and waits for a leader to add it (a fifth field, written only
 *                when set, so a member that is not joining announces exactly what it did before). Only such a
 *                node is added by the leader on its own: a removed member that is still running does not ask.
 */
public record MemberAnnouncement(NodeId nodeId, String transportHost, int transportPort, boolean joining) {

    private static final String VERSION = "v1";
    private static final String SEPARATOR = "|";
    private static final String JOINING = "joining";

    public MemberAnnouncement(NodeId nodeId, String transportHost, int transportPort) {
        this(nodeId, transportHost, transportPort, false);
    }

    public MemberAnnouncement {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(transportHost, "transportHost");
        if (transportPort < 1 || transportPort > 65535) {
            throw new IllegalArgumentException("transport port out of range: " + transportPort);
        }
    }

    public String encode() {
        String plain = String.join(SEPARATOR, VERSION, nodeId.value(), transportHost, Integer.toString(transportPort));
        return joining ? plain + SEPARATOR + JOINING : plain;
    }

    public MemberAnnouncement withJoining(boolean nowJoining) {
        return new MemberAnnouncement(nodeId, transportHost, transportPort, nowJoining);
    }

    /**
     * @throws IllegalArgumentException for anything that is not a v1 announcement (logged and ignored by the
     *                                  directory: a bad entry must not take discovery down)
     */
    public static MemberAnnouncement decode(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\|", -1);
        boolean valid = VERSION.equals(parts.length > 0 ? parts[0] : null)
                && (parts.length == 4 || (parts.length == 5 && JOINING.equals(parts[4])));
        if (!valid) {
            throw new IllegalArgumentException("not a Synod member announcement: " + encoded);
        }
        try {
            return new MemberAnnouncement(NodeId.of(parts[1]), parts[2], Integer.parseInt(parts[3]), parts.length == 5);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad transport port in announcement: " + encoded, e);
        }
    }
}
