package io.synod.ejb.discovery;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.synod.api.ClusterMember;
import io.synod.core.consensus.NodeId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The live directory of Synod members, kept in the Hazelcast map {@value #MAP_NAME}: key = Hazelcast member
 * UUID, value = {@link MemberAnnouncement#encode()}. A local mirror, fed by map events, answers reads
 * without a network round trip; liveness comes from Hazelcast's own membership.
 */
public final class MemberDirectory {

    static final String MAP_NAME = "synod-members";
    private static final Logger LOG = Logger.getLogger(MemberDirectory.class.getName());

    private final HazelcastInstance hazelcast;
    private volatile MemberAnnouncement self;
    private final Map<String, String> mirror = new ConcurrentHashMap<>();
    private IMap<String, String> announcements;
    private UUID entryListener;
    private UUID membershipListener;

    public MemberDirectory(HazelcastInstance hazelcast, MemberAnnouncement self) {
        this.hazelcast = hazelcast;
        this.self = self;
    }

    /**
     * Announce this node and start following the others.
     *
     * @throws DuplicateNodeIdException when a live instance already uses this node id
     */
    public void start() {
        announcements = hazelcast.getMap(MAP_NAME);
        entryListener = announcements.addEntryListener(new MirrorUpdater(), true);
        membershipListener = hazelcast.getCluster().addMembershipListener(new DepartureCleaner());
        mirror.putAll(announcements);
        String selfUuid = localUuid();
        if (LiveView.nodeIdTaken(mirror, liveUuids(), selfUuid, self.nodeId())) {
            stop();
            throw new DuplicateNodeIdException(self.nodeId().value());
        }
        announcements.set(selfUuid, self.encode());
        mirror.put(selfUuid, self.encode());
        LOG.info(() -> "Synod member " + self.nodeId() + " announced at " + self.transportHost() + ":" + self.transportPort());
    }

    /** Withdraw this node's announcement (the others see it leave at once) and stop listening. */
    public void stop() {
        if (announcements == null) {
            return;
        }
        try {
            if (entryListener != null) {
                announcements.removeEntryListener(entryListener);
            }
            if (membershipListener != null) {
                hazelcast.getCluster().removeMembershipListener(membershipListener);
            }
            announcements.delete(localUuid());
        } catch (RuntimeException e) {
            // Hazelcast may already be shutting down with the server; the others will see us leave anyway.
            LOG.fine(() -> "could not withdraw announcement: " + e);
        }
    }

    /**
     * Put this node's announcement back if the map lost it: a map partition is lost when its owner dies
     * before a backup exists (or with no backups configured). Cheap: one local-partition read.
     */
    public synchronized void reassert() {
        String uuid = localUuid();
        String encoded = self.encode();
        if (!encoded.equals(announcements.get(uuid))) {
            announcements.set(uuid, encoded);
            LOG.info(() -> "Synod member " + self.nodeId() + " re-announced (its entry had been lost)");
        }
        refillMirror();
    }

    /**
     * After a split-brain merge (e.g. this instance was paused long enough to be dropped, then resumed) this node
     * hears no entry events for announcements that already existed in the cluster it merged into, and had removed
     * them from its mirror when their members "left": read back those of live members it has no entry for.
     */
    private void refillMirror() {
        for (String live : liveUuids()) {
            if (!mirror.containsKey(live)) {
                String announced = announcements.get(live);
                if (announced != null) {
                    mirror.put(live, announced);
                    LOG.info(() -> "Synod member " + self.nodeId() + " found the announcement of Hazelcast member "
                            + live + " again");
                }
            }
        }
    }

    /** Announce whether this node is joining (see {@link MemberAnnouncement#joining}); a no-op when unchanged. */
    public synchronized void announceJoining(boolean joining) {
        if (self.joining() == joining) {
            return;
        }
        self = self.withJoining(joining);
        String encoded = self.encode();
        announcements.set(localUuid(), encoded);
        mirror.put(localUuid(), encoded);
        LOG.info(() -> "Synod member " + self.nodeId() + (joining ? " announced it waits to be added to the cluster"
                : " no longer waits to be added"));
    }

    /** Node ids of live members waiting to be added to the Raft configuration. */
    public Set<NodeId> joining() {
        return LiveView.joining(mirror, liveUuids());
    }

    /** Live members, sorted by node id; includes this one once announced. */
    public List<ClusterMember> members() {
        return LiveView.of(mirror, liveUuids(), self.nodeId());
    }

    public MemberAnnouncement self() {
        return self;
    }

    private String localUuid() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    private Set<String> liveUuids() {
        return hazelcast.getCluster().getMembers().stream()
                .map(Member::getUuid).map(UUID::toString).collect(Collectors.toSet());
    }

    private final class MirrorUpdater implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String>, EntryRemovedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            mirror.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            mirror.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            mirror.remove(event.getKey());
        }
    }

    /** Removes a departed member's announcement so the map does not grow with every restart. */
    private final class DepartureCleaner implements MembershipListener {

        @Override
        public void memberAdded(MembershipEvent event) {
            // the newcomer announces itself
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            String uuid = event.getMember().getUuid().toString();
            mirror.remove(uuid);
            announcements.delete(uuid);
        }
    }
}
