package io.synod.admin.monitor;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterPictureTest {

    private static final long MAX_LAG = 1000;
    private static final long STALE = 2500;
    private static final Set<String> VOTERS = Set.of("n1", "n2", "n3");

    private static MemberReport report(String id, String role, String leader, long commit, long applied,
                                       Map<String, Long> heard) {
        return new MemberReport(id, 1, "127.0.0.1:790" + id.substring(1), Optional.of(role), 4, Optional.ofNullable(leader),
                commit, applied, commit, 0, new DiskUsage(3000, 2000, 500), Map.of(), heard);
    }

    private static Map<String, String> visible(String... ids) {
        Map<String, String> out = new HashMap<>();
        for (String id : ids) {
            out.put(id, "127.0.0.1:790" + id.substring(1));
        }
        return out;
    }

    private static MemberRow row(ClusterPicture picture, String id) {
        return picture.members().stream().filter(m -> m.nodeId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyMembersNumbersComeFromItsOwnReportAndItsLagAndContactFromTheLeader() {
        MemberReport self = report("n2", "FOLLOWER", "n1", 100, 100, Map.of("n1", 40L));
        Map<String, ReceivedReport> others = Map.of(
                "n1", new ReceivedReport(report("n1", "LEADER", "n1", 120, 120, Map.of("n2", 30L, "n3", 50L)), 200),
                "n3", new ReceivedReport(report("n3", "FOLLOWER", "n1", 90, 80, Map.of("n1", 60L)), 100));
        ClusterPicture picture = ClusterPicture.of(new Observation("n2", Optional.of(self), visible("n1", "n2", "n3"),
                VOTERS, Set.of(), others, MAX_LAG, STALE));

        assertThat(picture.leader()).contains("n1");
        assertThat(picture.members()).extracting(MemberRow::nodeId).containsExactly("n1", "n2", "n3");
        assertThat(picture.members()).extracting(MemberRow::health).containsOnly(Health.HEALTHY);
        MemberRow n1 = row(picture, "n1");
        assertThat(n1.leader()).isTrue();
        assertThat(n1.lag()).hasValue(0);
        assertThat(n1.lastContactMillis()).as("the leader: when this node heard from it").hasValue(40);
        MemberRow n3 = row(picture, "n3");
        assertThat(n3.lag()).as("leader commit 120 - applied 80").hasValue(40);
        assertThat(n3.lastContactMillis()).as("the leader heard from it 50 ms before its report, 200 ms old").hasValue(250);
        assertThat(n3.commitIndex()).hasValue(90);
        assertThat(n3.disk()).contains(new DiskUsage(3000, 2000, 500));
        assertThat(row(picture, "n2").local()).isTrue();
        assertThat(row(picture, "n2").lastContactMillis()).isEmpty();
    }

    @Test
    void aMemberGoneFromDiscoveryIsUnreachableWithNoNumbersAndCannotBeLeader() {
        MemberReport self = report("n2", "FOLLOWER", "n1", 100, 100, Map.of());
        Map<String, ReceivedReport> others = Map.of(
                "n1", new ReceivedReport(report("n1", "LEADER", "n1", 100, 100, Map.of()), 100));
        ClusterPicture picture = ClusterPicture.of(new Observation("n2", Optional.of(self), visible("n2", "n3"),
                VOTERS, Set.of(), others, MAX_LAG, STALE));

        MemberRow n1 = row(picture, "n1");
        assertThat(n1.health()).isEqualTo(Health.UNREACHABLE);
        assertThat(n1.leader()).isFalse();
        assertThat(n1.term()).isEmpty();
        assertThat(n1.commitIndex()).isEmpty();
        assertThat(n1.disk()).isEmpty();
        assertThat(n1.address()).as("the address it last reported").contains("127.0.0.1:7901");
        assertThat(picture.members()).noneMatch(MemberRow::leader);
        assertThat(row(picture, "n3").health()).as("visible, never reported").isEqualTo(Health.STARTING);
        assertThat(row(picture, "n3").lag()).isEmpty();
    }

    @Test
    void aVisibleMemberWhoseReportStoppedChangingIsUnreachable() {
        MemberReport self = report("n1", "LEADER", "n1", 100, 100, Map.of());
        Map<String, ReceivedReport> others = Map.of(
                "n3", new ReceivedReport(report("n3", "FOLLOWER", "n1", 100, 100, Map.of()), STALE + 1));
        ClusterPicture picture = ClusterPicture.of(new Observation("n1", Optional.of(self), visible("n1", "n3"),
                Set.of("n1", "n3"), Set.of(), others, MAX_LAG, STALE));

        assertThat(row(picture, "n3").health()).isEqualTo(Health.UNREACHABLE);
        assertThat(row(picture, "n3").appliedIndex()).isEmpty();
    }

    @Test
    void lagBeyondTheBoundNoLeaderAndNoRuntimeAreTold() {
        MemberReport self = report("n1", "LEADER", "n1", 5000, 5000, Map.of());
        MemberReport behind = report("n2", "FOLLOWER", "n1", 3000, 3000, Map.of());
        MemberReport lost = report("n3", "CANDIDATE", null, 5000, 5000, Map.of());
        MemberReport idle = new MemberReport("n4", 1, "127.0.0.1:7904", Optional.empty(), 0, Optional.empty(), 0, 0, 0, 0,
                new DiskUsage(0, 0, 0), Map.of(), Map.of());
        ClusterPicture picture = ClusterPicture.of(new Observation("n1", Optional.of(self),
                visible("n1", "n2", "n3", "n4"), VOTERS, Set.of(),
                Map.of("n2", new ReceivedReport(behind, 0), "n3", new ReceivedReport(lost, 0), "n4", new ReceivedReport(idle, 0)),
                MAX_LAG, STALE));

        assertThat(row(picture, "n2").health()).isEqualTo(Health.LAGGING);
        assertThat(row(picture, "n2").lag()).hasValue(2000);
        assertThat(row(picture, "n3").health()).isEqualTo(Health.NO_LEADER);
        assertThat(row(picture, "n4").health()).isEqualTo(Health.NOT_RUNNING);
        assertThat(row(picture, "n4").membership()).contains("not a member");
        assertThat(row(picture, "n4").lag()).isEmpty();
    }

    @Test
    void withoutAnyReportNothingIsInvented() {
        ClusterPicture picture = ClusterPicture.of(new Observation("n1", Optional.empty(), visible("n1"),
                Set.of(), Set.of(), Map.of(), MAX_LAG, STALE));
        assertThat(picture.leader()).isEmpty();
        MemberRow n1 = row(picture, "n1");
        assertThat(List.of(n1.term(), n1.commitIndex(), n1.appliedIndex(), n1.lag())).containsOnly(OptionalLong.empty());
        assertThat(n1.membership()).isEmpty();
        assertThat(n1.health()).isEqualTo(Health.STARTING);
    }
}
