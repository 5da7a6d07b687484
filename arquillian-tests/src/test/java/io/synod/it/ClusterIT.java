package io.synod.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The 3-instance cluster an operator gets from {@code synod-cluster.sh up}: readiness, metrics, the console's
 * login and member list, a business application deployed separately reaching Synod through {@code @Inject},
 * and consensus across the instances over the authenticated transport: one leader, the ops API, leadership
 * transfer, failover when the leader is killed and the restarted node rejoining. Run twice by {@code mvn
 * verify}: on Raft, and on Multi-Paxos ({@code -Dsynod.it.protocol=multipaxos}, the failsafe execution
 * {@code multipaxos-cluster}).
 */
@ExtendWith(LocalCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Pattern MEMBER_IN_CONSOLE = Pattern.compile("class=\"member-id\">(n\\d)</span>");
    private static final Pattern NODE_ID_IN_JSON = Pattern.compile("\"nodeId\":\"(n\\d)\"");
    private static final List<String> ALL = List.of("n1", "n2", "n3");

    @Test
    @Order(1)
    void everyInstanceIsReadyAndSeesThreeMembers(LocalCluster.Running cluster) {
        Http http = new Http();
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            String ready = http.get(cluster.baseUrl(i) + "/health/ready").body();
            assertThat(ready).as("n%d /health/ready", i)
                    .startsWith("{\"status\":\"UP\"")
                    .contains("\"name\":\"synod\"")
                    .containsPattern("\"membersVisible\":\"?3\"?")
                    .contains("\"nodeId\":\"n" + i + "\"");
            assertThat(http.get(cluster.baseUrl(i) + "/health/live").body()).as("n%d /health/live", i)
                    .startsWith("{\"status\":\"UP\"").contains("\"name\":\"synod-node\"");
            assertThat(http.get(cluster.baseUrl(i) + "/metrics").body()).as("n%d /metrics", i)
                    .containsPattern("(?m)^synod_members_visible\\{[^}]*\\} 3(\\.0)?$");
        }
        LocalCluster.Script.Result status = cluster.script().run(Duration.ofSeconds(30), "status");
        List<String> lines = status.output().lines().toList();
        assertThat(lines).as("synod-cluster.sh status").hasSize(LocalCluster.SIZE);
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            // the ports follow the run's range (-Dit.http.base.port, the multipaxos execution's offset)
            assertThat(lines.get(i - 1)).matches("n" + i + " pid=\\d+ http=" + cluster.script().httpPort(i) + " ready=UP");
        }
    }

    @Test
    @Order(2)
    void everyConsoleUrlRedirectsToTheLoginPageWithoutCredentials(LocalCluster.Running cluster) {
        Http anonymous = new Http();
        for (String path : List.of("/synod/", "/synod/index.xhtml", "/synod/no-such-page.xhtml", "/synod/WEB-INF/web.xml")) {
            HttpResponse<String> response = anonymous.get(cluster.baseUrl(1) + path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(Http.location(response)).as(path).endsWith("/synod/login.xhtml");
            assertThat(response.body()).as(path).doesNotContain("member-id");
        }
        assertThat(anonymous.get(cluster.baseUrl(1) + "/synod/login.xhtml").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void wrongPasswordDoesNotOpenTheConsole(LocalCluster.Running cluster) {
        Http browser = new Http();
        browser.get(cluster.baseUrl(1) + "/synod/");
        HttpResponse<String> login = browser.postForm(cluster.baseUrl(1) + "/synod/j_security_check",
                Map.of("j_username", LocalCluster.ADMIN_USER, "j_password", "not-the-password"));
        assertThat(Http.location(login) + login.body()).contains("failed=true");
        HttpResponse<String> console = browser.get(cluster.baseUrl(1) + "/synod/index.xhtml");
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.body()).doesNotContain("member-id");
    }

    @Test
    @Order(4)
    void afterLoginEveryConsoleShowsTheThreeMembersAndItsOwnConfiguration(LocalCluster.Running cluster) {
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            Http browser = new Http();
            assertThat(browser.get(cluster.baseUrl(i) + "/synod/").statusCode()).isEqualTo(302);
            HttpResponse<String> login = browser.postForm(cluster.baseUrl(i) + "/synod/j_security_check",
                    Map.of("j_username", LocalCluster.ADMIN_USER, "j_password", LocalCluster.ADMIN_PASSWORD));
            assertThat(login.statusCode()).as("login on n%d", i).isEqualTo(302);
            assertThat(Http.location(login)).as("login on n%d", i).endsWith("/synod/").doesNotContain("failed");

            // as a browser does: follow the redirect back to the page first asked for
            assertThat(browser.get(Http.location(login)).statusCode()).as("console of n%d", i).isEqualTo(200);
            HttpResponse<String> console = browser.get(cluster.baseUrl(i) + "/synod/index.xhtml");
            assertThat(console.statusCode()).as("console of n%d", i).isEqualTo(200);
            assertThat(all(MEMBER_IN_CONSOLE, console.body())).as("members on the console of n%d", i).containsExactlyElementsOf(ALL);
            assertThat(console.body()).as("console of n%d", i)
                    .contains("id=\"member-count\">3<")
                    .contains("synod.node-id").contains(">n" + i + "<")
                    .contains("synod.protocol").contains(">" + LocalCluster.Running.protocol() + "<")
                    .contains("synod.cluster-secret").doesNotContain(LocalCluster.CLUSTER_SECRET);
        }
    }

    @Test
    @Order(5)
    void ordersAppDeployedSeparatelySeesTheMembersThroughTheInjectedBean(LocalCluster.Running cluster) {
        Http http = new Http();
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            HttpResponse<String> response = http.get(cluster.baseUrl(i) + "/orders-app/cluster");
            assertThat(response.statusCode()).as("n%d /orders-app/cluster: %s", i, response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"localNode\":\"n" + i + "\"");
            assertThat(all(NODE_ID_IN_JSON, response.body())).as("n%d members seen by orders-app", i).containsExactlyElementsOf(ALL);
        }
    }

    @Test
    @Order(6)
    void theThreeInstancesElectOneLeaderThatEveryOneNames(LocalCluster.Running cluster) {
        Http api = admin();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            List<String> views = IntStream.rangeClosed(1, LocalCluster.SIZE).mapToObj(i -> clusterView(api, cluster, i)).toList();
            List<String> leaders = views.stream().filter(v -> "LEADER".equals(field(v, "role"))).toList();
            assertThat(leaders).as("instances reporting role LEADER in %s", views).hasSize(1);
            String leader = field(leaders.get(0), "nodeId");
            String term = field(leaders.get(0), "term");
            assertThat(views).as("every view names %s as leader in term %s", leader, term)
                    .allMatch(v -> leader.equals(field(v, "leader")) && term.equals(field(v, "term")));
        });
        long leaderGauges = IntStream.rangeClosed(1, LocalCluster.SIZE)
                .filter(i -> api.get(cluster.baseUrl(i) + "/metrics").body().matches("(?s).*\\nsynod_raft_is_leader\\{[^}]*\\} 1(\\.0)?\\n.*"))
                .count();
        assertThat(leaderGauges).as("instances with synod_raft_is_leader 1").isEqualTo(1);
        assertThat(api.get(cluster.baseUrl(1) + "/metrics").body())
                .containsPattern("(?m)^synod_raft_term\\{[^}]*\\} [1-9]")
                .containsPattern("(?m)^synod_raft_commit_index\\{[^}]*\\} [1-9]")
                .containsPattern("(?m)^synod_raft_applied_index\\{[^}]*\\} [1-9]")
                .containsPattern("(?m)^synod_raft_leader_changes_total\\{[^}]*\\} [1-9]")
                .containsPattern("(?m)^synod_transport_frames_in_total\\{[^}]*\\} [1-9]")
                .containsPattern("(?m)^synod_transport_frames_out_total\\{[^}]*\\} [1-9]")
                .containsPattern("(?m)^synod_transport_rejected_frames_total\\{[^}]*\\} 0(\\.0)?$");
    }

    /** Bytes that are not an authenticated peer's frames reach the real transport port: refused, counted, harmless. */
    @Test
    @Order(7)
    void junkSentToTheRaftTransportPortIsRefusedAndCounted(LocalCluster.Running cluster) throws Exception {
        Http api = admin();
        String before = clusterView(api, cluster, 1);
        try (Socket socket = new Socket("127.0.0.1", cluster.script().transportPort(1))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: synod\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // whatever the server says before closing (its handshake challenge) is drained; it must close
            }
        }
        awaitBody(http(), cluster.baseUrl(1) + "/metrics", Duration.ofSeconds(10),
                body -> body.matches("(?s).*\\nsynod_transport_rejected_frames_total\\{[^}]*\\} [1-9][0-9]*(\\.0)?\\n.*"));
        String after = clusterView(api, cluster, 1);
        assertThat(field(after, "term")).as("term after the junk").isEqualTo(field(before, "term"));
        assertThat(field(after, "leader")).as("leader after the junk").isEqualTo(field(before, "leader"));
    }

    @Test
    @Order(8)
    void theOpsApiAnswersJsonErrorsNeverRedirectsOrServerErrors(LocalCluster.Running cluster) {
        String url = cluster.baseUrl(1) + "/synod/api/v1/cluster";
        HttpResponse<String> anonymous = new Http().get(url);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(anonymous.body()).startsWith("{").contains("\"error\"");
        assertThat(Http.basic(LocalCluster.ADMIN_USER, "not-the-password").get(url).statusCode()).isEqualTo(401);

        Http api = admin();
        String leader = field(clusterView(api, cluster, 1), "leader");
        int follower = leader.equals("n1") ? 2 : 1;
        HttpResponse<String> notLeader = api.post(cluster.baseUrl(follower) + "/synod/api/v1/cluster/transfer-leadership?to=" + leader);
        assertThat(notLeader.statusCode()).as(notLeader.body()).isEqualTo(409);
        assertThat(notLeader.body()).contains("\"leader\":\"" + leader + "\"");
        int leaderInstance = instanceOf(leader);
        for (String bad : List.of("n9", "bad%20id", "")) {
            HttpResponse<String> response = api.post(cluster.baseUrl(leaderInstance) + "/synod/api/v1/cluster/transfer-leadership?to=" + bad);
            assertThat(response.statusCode()).as("to=%s: %s", bad, response.body()).isEqualTo(400);
            assertThat(response.body()).as("to=%s", bad).startsWith("{").contains("\"error\"");
        }
    }

    @Test
    @Order(9)
    void transferLeadershipMakesTheTargetTheLeader(LocalCluster.Running cluster) {
        Http api = admin();
        String leader = field(clusterView(api, cluster, 1), "leader");
        String target = ALL.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        HttpResponse<String> response = api.post(cluster.baseUrl(instanceOf(leader))
                + "/synod/api/v1/cluster/transfer-leadership?to=" + target);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            for (int i = 1; i <= LocalCluster.SIZE; i++) {
                String view = clusterView(api, cluster, i);
                assertThat(field(view, "leader")).as("leader seen by n%d", i).isEqualTo(target);
            }
            assertThat(field(clusterView(api, cluster, instanceOf(target)), "role")).isEqualTo("LEADER");
        });
    }

    /**
     * Last: it takes the leader away. The survivors keep a quorum, so they elect a new leader and stay ready;
     * the killed instance restarts from its data directory as a follower and catches up.
     */
    @Test
    @Order(10)
    void killingTheLeaderElectsANewOneAndTheRestartedNodeRejoinsAsFollower(LocalCluster.Running cluster) {
        Http api = admin();
        String oldLeader = field(clusterView(api, cluster, 1), "leader");
        int killed = instanceOf(oldLeader);
        int survivor = killed == 1 ? 2 : 1;
        LocalCluster.Script script = cluster.script();
        assertThat(script.run(Duration.ofSeconds(30), "kill", String.valueOf(killed)).exitCode()).isZero();
        long killedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            String leader = field(clusterView(api, cluster, survivor), "leader");
            return leader != null && !leader.equals(oldLeader);
        });
        Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
        String newLeader = field(clusterView(api, cluster, survivor), "leader");
        System.out.println("[ClusterIT] leader " + oldLeader + " killed; " + newLeader + " leads after "
                + failover.toMillis() + " ms (as seen by n" + survivor + ")");

        // a survivor sees one member fewer, yet stays ready: a quorum remains and a leader is known
        awaitBody(http(), cluster.baseUrl(survivor) + "/metrics", Duration.ofSeconds(30),
                body -> body.matches("(?s).*\\nsynod_members_visible\\{[^}]*\\} 2(\\.0)?\\n.*"));
        assertThat(http().get(cluster.baseUrl(survivor) + "/health/ready").body()).startsWith("{\"status\":\"UP\"");

        assertThat(script.run(Duration.ofMinutes(3), "start", String.valueOf(killed)).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            String leaderView = clusterView(api, cluster, instanceOf(newLeader));
            String rejoined = clusterView(api, cluster, killed);
            assertThat(field(rejoined, "role")).as("role of the restarted %s", oldLeader).isEqualTo("FOLLOWER");
            assertThat(field(rejoined, "leader")).isEqualTo(newLeader);
            assertThat(Long.parseLong(field(rejoined, "appliedIndex")))
                    .as("applied index of the restarted %s", oldLeader)
                    .isGreaterThanOrEqualTo(Long.parseLong(field(leaderView, "commitIndex")));
        });
        for (int i : IntStream.rangeClosed(1, LocalCluster.SIZE).toArray()) {
            awaitBody(http(), cluster.baseUrl(i) + "/health/ready", Duration.ofSeconds(90), body -> body.startsWith("{\"status\":\"UP\""));
        }
    }

    static Http http() {
        return new Http();
    }

    static Http admin() {
        return Http.basic(LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD);
    }

    /** GET /synod/api/v1/cluster of instance i; fails the poll (to be retried) unless it answers 200. */
    static String clusterView(Http api, LocalCluster.Running cluster, int instance) {
        HttpResponse<String> response = api.get(cluster.baseUrl(instance) + "/synod/api/v1/cluster");
        assertThat(response.statusCode()).as("n%d /synod/api/v1/cluster: %s", instance, response.body()).isEqualTo(200);
        return response.body();
    }

    static int instanceOf(String nodeId) {
        return Integer.parseInt(nodeId.substring(1));
    }

    /** A top-level scalar of the cluster JSON (the per-member objects use other names), null when absent or null. */
    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|[^,}\\]]+)").matcher(json);
        if (!matcher.find()) {
            return null;
        }
        String value = matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
        return "null".equals(value) ? null : value;
    }

    static void awaitBody(Http http, String url, Duration timeout, java.util.function.Predicate<String> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.get(url).body();
                if (condition.test(last)) {
                    return;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep();
        }
        throw new AssertionError(url + " did not reach the expected state within " + timeout + "; last answer: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> all(Pattern pattern, String text) {
        TreeSet<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return List.copyOf(found);
    }
}
