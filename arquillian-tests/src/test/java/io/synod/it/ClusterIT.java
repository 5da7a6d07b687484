package io.synod.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 3-instance cluster an operator gets from {@code synod-cluster.sh up}: readiness, metrics, the console's
 * login and member list, and a business application deployed separately reaching Synod through {@code @Inject}.
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
        assertThat(status.output().lines()).as("synod-cluster.sh status")
                .hasSize(LocalCluster.SIZE)
                .allMatch(line -> line.matches("n[123] pid=\\d+ http=180\\d\\d ready=UP"), "nI pid=PID http=PORT ready=UP");
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

    /** Last: it takes an instance away. Readiness must follow the live view both ways. */
    @Test
    @Order(6)
    void readinessGoesDownWhenFewerThanBootstrapExpectMembersAreVisibleAndUpWhenTheyReturn(LocalCluster.Running cluster) {
        LocalCluster.Script script = cluster.script();
        assertThat(script.run(Duration.ofSeconds(30), "kill", "3").exitCode()).isZero();
        Http http = new Http();
        awaitBody(http, cluster.baseUrl(1) + "/health/ready", Duration.ofSeconds(30), body -> body.startsWith("{\"status\":\"DOWN\"")
                && body.matches("(?s).*\"membersVisible\":\"?2\"?.*"));
        assertThat(http.get(cluster.baseUrl(1) + "/metrics").body()).containsPattern("(?m)^synod_members_visible\\{[^}]*\\} 2(\\.0)?$");

        assertThat(script.run(Duration.ofMinutes(3), "start", "3").exitCode()).isZero();
        for (int i : IntStream.rangeClosed(1, LocalCluster.SIZE).toArray()) {
            awaitBody(http, cluster.baseUrl(i) + "/health/ready", Duration.ofSeconds(90), body -> body.startsWith("{\"status\":\"UP\""));
        }
    }

    private static void awaitBody(Http http, String url, Duration timeout, java.util.function.Predicate<String> condition) {
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
