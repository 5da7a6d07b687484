package io.synod.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.synod.it.ClusterIT.admin;
import static io.synod.it.ClusterIT.awaitBody;
import static io.synod.it.ClusterIT.clusterView;
import static io.synod.it.ClusterIT.field;
import static io.synod.it.ClusterIT.http;
import static io.synod.it.ClusterIT.instanceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Membership on real instances: a fourth instance started with {@code synod-cluster.sh join 4} is added by the
 * leader as a learner, promoted to voter, removed only through the ops API and stopped, leaving the three
 * voters healthy; a fourth instance with the wrong cluster secret is refused by the transport and never enters
 * the configuration. Each test leaves the shared cluster as it found it (3 voters, extra instance gone).
 */
@ExtendWith(LocalCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembershipIT {

    private static final int EXTRA = 4;
    private static final String EXTRA_ID = "n4";
    private static final List<String> FIRST = List.of("n1", "n2", "n3");
    private static final Pattern MEMBERSHIP = Pattern.compile("\"nodeId\":\"(n\\d)\",\"membership\":\"(\\w+)\"");
    private static final Pattern AUTH_FAILURES =
            Pattern.compile("(?m)^synod_transport_auth_failures_total\\{[^}]*\\} ([0-9.]+)$");

    @Test
    @Order(1)
    void aFourthInstanceJoinsAsLearnerIsPromotedThenRemovedOnRequestAndTheThreeCarryOn(LocalCluster.Running cluster)
            throws IOException {
        Http api = admin();
        String leader = awaitLeader(api, cluster);
        LocalCluster.Script script = cluster.script();
        try {
            LocalCluster.Script.Result joined = script.run(Duration.ofMinutes(10), "join", String.valueOf(EXTRA));
            assertThat(joined.exitCode()).as(joined.output()).isZero();

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                String view = clusterView(api, cluster, instanceOf(awaitLeader(api, cluster)));
                assertThat(memberships(view)).as(view).containsEntry(EXTRA_ID, "VOTER");
            });
            // the leader first added it as a learner, then promoted it (its own log says so)
            String leaderLogs = logsOf(cluster, 1, 2, 3);
            assertThat(leaderLogs).contains("proposed ConfChange[kind=ADD_LEARNER, node=n4]")
                    .contains("proposed ConfChange[kind=ADD_VOTER, node=n4]");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                String own = clusterView(api, cluster, EXTRA);
                assertThat(field(own, "role")).as(own).isEqualTo("FOLLOWER");
                assertThat(field(own, "leader")).as(own).isNotNull();
            });
            awaitBody(http(), cluster.baseUrl(EXTRA) + "/health/ready", Duration.ofSeconds(60),
                    body -> body.startsWith("{\"status\":\"UP\""));

            leader = awaitLeader(api, cluster);
            int leaderInstance = instanceOf(leader);
            String members = cluster.baseUrl(leaderInstance) + "/synod/api/v1/cluster/members/";
            for (String bad : List.of("bad%20id", "n9")) {
                HttpResponse<String> refused = api.post(members + bad + "/remove");
                assertThat(refused.statusCode()).as("remove %s: %s", bad, refused.body()).isEqualTo(400);
                assertThat(refused.body()).startsWith("{").contains("\"error\"");
            }
            HttpResponse<String> promoteVoter = api.post(members + "n1/promote");
            assertThat(promoteVoter.statusCode()).as(promoteVoter.body()).isEqualTo(400);
            int follower = FIRST.stream().mapToInt(ClusterIT::instanceOf).filter(i -> i != leaderInstance).findFirst().orElseThrow();
            HttpResponse<String> notLeader = api.post(cluster.baseUrl(follower) + "/synod/api/v1/cluster/members/n4/remove");
            assertThat(notLeader.statusCode()).as(notLeader.body()).isEqualTo(409);
            assertThat(notLeader.body()).contains("\"leader\":\"" + leader + "\"");
            assertThat(new Http().post(members + "n4/remove").statusCode()).as("no credentials").isEqualTo(401);

            HttpResponse<String> removed = api.post(members + "n4/remove");
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(202);
            assertThat(removed.body()).contains("\"change\":\"REMOVE\"").contains("\"nodeId\":\"n4\"");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
                for (String id : FIRST) {
                    assertThat(voters(clusterView(api, cluster, instanceOf(id)))).as("voters seen by %s", id)
                            .containsExactlyElementsOf(FIRST);
                }
            });
            String before = clusterView(api, cluster, leaderInstance);

            // n4 keeps running for several election timeouts, removed: it must neither come back nor disturb
            sleep(Duration.ofSeconds(8));
            assertUndisturbed(api, cluster, before);
            assertThat(memberships(clusterView(api, cluster, leaderInstance))).as("a removed member is not re-added")
                    .doesNotContainEntry(EXTRA_ID, "LEARNER").doesNotContainEntry(EXTRA_ID, "VOTER");
        } finally {
            LocalCluster.Script.Result left = script.run(Duration.ofMinutes(2), "leave", String.valueOf(EXTRA));
            assertThat(left.exitCode()).as(left.output()).isZero();
        }
        awaitThreeReady(cluster);
    }

    @Test
    @Order(2)
    void aFourthInstanceWithTheWrongSecretNeverJoinsAndChangesNothing(LocalCluster.Running cluster) {
        Http api = admin();
        String leader = awaitLeader(api, cluster);
        int leaderInstance = instanceOf(leader);
        String before = clusterView(api, cluster, leaderInstance);
        double failuresBefore = authFailures(cluster, leaderInstance);
        LocalCluster.Script impostor = cluster.script().withEnvironment(
                Map.of("SYNOD_CLUSTER_SECRET", "not-this-clusters-secret-at-all-0000"));
        try {
            LocalCluster.Script.Result joined = impostor.run(Duration.ofMinutes(10), "join", String.valueOf(EXTRA));
            assertThat(joined.exitCode()).as(joined.output()).isZero();

            // both directions fail the handshake: the leader dials it (discovery lists it) and it dials the leader
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> authFailures(cluster, leaderInstance) > failuresBefore);
            // watched for a while: were it ever proposed, the leader's 250 ms membership check would do so at once
            for (int i = 0; i < 15; i++) {
                for (String id : FIRST) {
                    assertThat(memberships(clusterView(api, cluster, instanceOf(id)))).as("configuration seen by %s", id)
                            .doesNotContainEntry(EXTRA_ID, "LEARNER").doesNotContainEntry(EXTRA_ID, "VOTER");
                }
                sleep(Duration.ofSeconds(1));
            }
            String own = clusterView(api, cluster, EXTRA);
            assertThat(field(own, "leader")).as("the impostor never hears from a leader: %s", own).isNull();
            assertThat(field(own, "appliedIndex")).as(own).isEqualTo("0");
            assertUndisturbed(api, cluster, before);
        } finally {
            LocalCluster.Script.Result left = cluster.script().run(Duration.ofMinutes(2), "leave", String.valueOf(EXTRA));
            assertThat(left.exitCode()).as(left.output()).isZero();
        }
        awaitThreeReady(cluster);
    }

    /** Same leader, same term, the same three voters on every one of the first three. */
    private static void assertUndisturbed(Http api, LocalCluster.Running cluster, String before) {
        for (String id : FIRST) {
            String now = clusterView(api, cluster, instanceOf(id));
            assertThat(field(now, "leader")).as("leader seen by %s", id).isEqualTo(field(before, "leader"));
            assertThat(field(now, "term")).as("term seen by %s", id).isEqualTo(field(before, "term"));
            assertThat(voters(now)).as("voters seen by %s", id).containsExactlyElementsOf(FIRST);
        }
    }

    private static String awaitLeader(Http api, LocalCluster.Running cluster) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> Optional.ofNullable(field(clusterView(api, cluster, 1), "leader")), Optional::isPresent)
                .orElseThrow();
    }

    private static void awaitThreeReady(LocalCluster.Running cluster) {
        for (int i : IntStream.rangeClosed(1, LocalCluster.SIZE).toArray()) {
            awaitBody(http(), cluster.baseUrl(i) + "/health/ready", Duration.ofSeconds(90),
                    body -> body.startsWith("{\"status\":\"UP\""));
        }
    }

    private static Map<String, String> memberships(String view) {
        Map<String, String> found = new java.util.TreeMap<>();
        Matcher matcher = MEMBERSHIP.matcher(view);
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(2));
        }
        return found;
    }

    private static List<String> voters(String view) {
        TreeSet<String> voters = new TreeSet<>();
        memberships(view).forEach((id, membership) -> {
            if (membership.equals("VOTER")) {
                voters.add(id);
            }
        });
        return List.copyOf(voters);
    }

    private static double authFailures(LocalCluster.Running cluster, int instance) {
        Matcher matcher = AUTH_FAILURES.matcher(http().get(cluster.baseUrl(instance) + "/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String logsOf(LocalCluster.Running cluster, int... instances) throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i : instances) {
            all.append(Files.readString(cluster.script().serverLog(i), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
