package io.synod.ejb.discovery;

import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberAnnouncementTest {

    @Test
    void roundTrips() {
        MemberAnnouncement announcement = new MemberAnnouncement(NodeId.of("n2"), "127.0.0.1", 7902);
        assertThat(announcement.encode()).isEqualTo("v1|n2|127.0.0.1|7902");
        assertThat(MemberAnnouncement.decode(announcement.encode())).isEqualTo(announcement);
    }

    @Test
    void aJoiningNodeSaysSoInAFifthFieldOnlyWhileJoining() {
        MemberAnnouncement joining = new MemberAnnouncement(NodeId.of("n4"), "127.0.0.1", 7904, true);
        assertThat(joining.encode()).isEqualTo("v1|n4|127.0.0.1|7904|joining");
        assertThat(MemberAnnouncement.decode(joining.encode())).isEqualTo(joining);
        assertThat(joining.withJoining(false).encode()).isEqualTo("v1|n4|127.0.0.1|7904");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v2|n2|127.0.0.1|7902", "v1|n2|127.0.0.1", "v1|n2|127.0.0.1|port", "v1|bad id|h|1",
            "v1|n2|h|0", "v1|n2|h|7902|extra", "v1|n2|h|7902|joining|x"})
    void rejectsAnythingElse(String encoded) {
        assertThatThrownBy(() -> MemberAnnouncement.decode(encoded)).isInstanceOf(IllegalArgumentException.class);
    }
}
