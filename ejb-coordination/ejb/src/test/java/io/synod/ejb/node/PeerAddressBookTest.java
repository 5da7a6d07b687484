package io.synod.ejb.node;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PeerAddressBookTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private static final NodeId N3 = NodeId.of("n3");
    private static final NodeId N4 = NodeId.of("n4");
    private static final InetSocketAddress A2 = InetSocketAddress.createUnresolved("127.0.0.1", 7902);
    private static final InetSocketAddress A2_MOVED = InetSocketAddress.createUnresolved("127.0.0.1", 7912);
    private static final InetSocketAddress A3 = InetSocketAddress.createUnresolved("127.0.0.1", 7903);
    private static final InetSocketAddress A4 = InetSocketAddress.createUnresolved("127.0.0.1", 7904);
    private static final ConfState THREE = ConfState.ofVoters(Set.of(N1, N2, N3));

    private final PeerAddressBook book = new PeerAddressBook();

    @Test
    void aConfigurationMemberDiscoveryLostKeepsItsLastAddress() {
        book.peersFor(Map.of(N2, A2, N3, A3), THREE, N1);

        assertThat(book.peersFor(Map.of(N3, A3), THREE, N1)).isEqualTo(Map.of(N2, A2, N3, A3));
        assertThat(book.peersFor(Map.of(), THREE, N1)).isEqualTo(Map.of(N2, A2, N3, A3));
    }

    @Test
    void aNewAnnouncementReplacesTheAddressAndNonMembersAreReachedOnlyWhileVisible() {
        book.peersFor(Map.of(N2, A2, N3, A3, N4, A4), THREE, N1);

        assertThat(book.peersFor(Map.of(N2, A2_MOVED), THREE, N1)).isEqualTo(Map.of(N2, A2_MOVED, N3, A3));
    }

    @Test
    void aMemberNeverSeenHasNoAddressAndSelfIsNeverAddedFromTheConfiguration() {
        assertThat(book.peersFor(Map.of(N3, A3), THREE, N1)).isEqualTo(Map.of(N3, A3));
        assertThat(book.peersFor(Map.of(), THREE, N3)).isEqualTo(Map.of());
    }
}
