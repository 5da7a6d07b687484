package io.synod.ejb.discovery;

import io.synod.api.ClusterMember;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LiveViewTest {

    private final Map<String, String> announcements = Map.of(
            "uuid-1", "v1|n1|127.0.0.1|7901",
            "uuid-2", "v1|n2|127.0.0.1|7902",
            "uuid-3", "v1|n3|127.0.0.1|7903",
            "uuid-x", "garbage");

    @Test
    void onlyLiveHazelcastMembersCountSortedByNodeId() {
        List<ClusterMember> view = LiveView.of(announcements, Set.of("uuid-3", "uuid-1", "uuid-x"), NodeId.of("n1"));
        assertThat(view).containsExactly(
                new ClusterMember("n1", "127.0.0.1", 7901, true),
                new ClusterMember("n3", "127.0.0.1", 7903, false));
    }

    @Test
    void aDeadMembersNodeIdIsFreeAgain() {
        assertThat(LiveView.nodeIdTaken(announcements, Set.of("uuid-1", "uuid-9"), "uuid-9", NodeId.of("n2"))).isFalse();
        assertThat(LiveView.nodeIdTaken(announcements, Set.of("uuid-2", "uuid-9"), "uuid-9", NodeId.of("n2"))).isTrue();
    }

    @Test
    void onlyLiveMembersAnnouncingJoiningAreJoiners() {
        Map<String, String> withJoiners = Map.of(
                "uuid-1", "v1|n1|127.0.0.1|7901",
                "uuid-4", "v1|n4|127.0.0.1|7904|joining",
                "uuid-5", "v1|n5|127.0.0.1|7905|joining");
        assertThat(LiveView.joining(withJoiners, Set.of("uuid-1", "uuid-4"))).containsExactly(NodeId.of("n4"));
    }

    @Test
    void ourOwnEarlierAnnouncementDoesNotBlockUs() {
        assertThat(LiveView.nodeIdTaken(announcements, Set.of("uuid-2"), "uuid-2", NodeId.of("n2"))).isFalse();
    }
}
