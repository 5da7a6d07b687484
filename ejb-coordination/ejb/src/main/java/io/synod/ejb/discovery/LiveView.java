package io.synod.ejb.discovery;

import io.synod.api.ClusterMember;
import io.synod.core.consensus.NodeId;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns raw announcements (keyed by Hazelcast member UUID) into the member list: only announcements whose
 * Hazelcast member is currently in the cluster count, so a killed instance disappears as soon as Hazelcast
 * drops it, whether or not anyone removed its entry yet. Pure, for testing.
 */
final class LiveView {

    private static final Logger LOG = Logger.getLogger(LiveView.class.getName());

    private LiveView() {
    }

    static List<ClusterMember> of(Map<String, String> announcements, Set<String> liveMemberUuids, NodeId self) {
        return announcements.entrySet().stream()
                .filter(e -> liveMemberUuids.contains(e.getKey()))
                .map(e -> decodeOrNull(e.getKey(), e.getValue()))
                .filter(java.util.Objects::nonNull)
                .map(a -> new ClusterMember(a.nodeId().value(), a.transportHost(), a.transportPort(), a.nodeId().equals(self)))
                .sorted(Comparator.comparing(ClusterMember::nodeId))
                .toList();
    }

    /** Node ids of the live members that announce they are joining (no Raft state, waiting to be added). */
    static Set<NodeId> joining(Map<String, String> announcements, Set<String> liveMemberUuids) {
        return announcements.entrySet().stream()
                .filter(e -> liveMemberUuids.contains(e.getKey()))
                .map(e -> decodeOrNull(e.getKey(), e.getValue()))
                .filter(a -> a != null && a.joining())
                .map(MemberAnnouncement::nodeId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a live member other than {@code selfUuid} already announced {@code nodeId}. */
    static boolean nodeIdTaken(Map<String, String> announcements, Collection<String> liveMemberUuids,
                               String selfUuid, NodeId nodeId) {
        return announcements.entrySet().stream()
                .filter(e -> !e.getKey().equals(selfUuid) && liveMemberUuids.contains(e.getKey()))
                .map(e -> decodeOrNull(e.getKey(), e.getValue()))
                .anyMatch(a -> a != null && a.nodeId().equals(nodeId));
    }

    private static MemberAnnouncement decodeOrNull(String uuid, String encoded) {
        try {
            return MemberAnnouncement.decode(encoded);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring malformed announcement of Hazelcast member {0}: {1}",
                    new Object[]{uuid, e.getMessage()});
            return null;
        }
    }
}
