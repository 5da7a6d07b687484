package io.synod.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.synod.it.ClusterIT.admin;
import static io.synod.it.ClusterIT.awaitBody;
import static io.synod.it.ClusterIT.clusterView;
import static io.synod.it.ClusterIT.field;
import static io.synod.it.ClusterIT.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The phi-accrual failure detector on the 3 real instances: every pair exchanges heartbeats; a follower frozen
 * with SIGSTOP ({@code synod-cluster.sh pause}, a long GC pause) is suspected by both others — in the ops API
 * ({@code GET /synod/api/v1/detector}), the metrics, and as a {@code MemberSuspected} CDI event observed by
 * orders-app — and after SIGCONT it is alive again and orders-app observed {@code MemberRecovered}. Prints the
 * detection time. Leaves the cluster as it found it (3 ready voters).
 */
@ExtendWith(LocalCluster.class)
class FailureDetectorIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aPausedMemberIsSuspectedByTheOthersThenRecovers(LocalCluster.Running cluster) {
        Http api = admin();
        // every member watches the two others, alive (an extra instance that another IT class joined and removed,
        // such as MembershipIT's n4, is still watched for a while by design: only the cluster's own count here)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            for (int i = 1; i <= LocalCluster.SIZE; i++) {
                Map<String, String> states = new java.util.TreeMap<>(states(detector(api, cluster, i)));
                states.keySet().removeIf(member -> !member.matches("n[1-" + LocalCluster.SIZE + "]"));
                assertThat(states).as("detector of n%d", i).hasSize(LocalCluster.SIZE - 1)
                        .allSatisfy((member, state) -> assertThat(state).isEqualTo("ALIVE"));
            }
        });
        String leader = field(clusterView(api, cluster, 1), "leader");
        int paused = IntStream.rangeClosed(1, LocalCluster.SIZE).map(i -> LocalCluster.SIZE + 1 - i)
                .filter(i -> !("n" + i).equals(leader)).findFirst().orElseThrow();
        String member = "n" + paused;
        List<Integer> observers = IntStream.rangeClosed(1, LocalCluster.SIZE).filter(i -> i != paused).boxed().toList();
        Map<Integer, Integer> suspectedBefore = new java.util.HashMap<>();
        Map<Integer, Integer> recoveredBefore = new java.util.HashMap<>();
        for (int i : observers) {
            String events = orderEvents(cluster, i);
            suspectedBefore.put(i, count(events, "MemberSuspected", member));
            recoveredBefore.put(i, count(events, "MemberRecovered", member));
        }

        LocalCluster.Script script = cluster.script();
        assertThat(script.run(Duration.ofSeconds(30), "pause", String.valueOf(paused)).exitCode()).isZero();
        long pausedAt = System.nanoTime();
        try {
            Map<Integer, Long> detectionMillis = new java.util.TreeMap<>();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
                for (int i : observers) {
                    if (!detectionMillis.containsKey(i)) {
                        String state = states(detector(api, cluster, i)).get(member);
                        assertThat(state).as("%s as seen by n%d", member, i).isIn("SUSPECTED", "CONDEMNED");
                        detectionMillis.put(i, (System.nanoTime() - pausedAt) / 1_000_000);
                    }
                }
            });
            System.out.println("[FailureDetectorIT] " + member + " paused; suspected after " + detectionMillis
                    + " ms (observer instance -> ms since SIGSTOP, polled every 100 ms)");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
                for (int i : observers) {
                    assertThat(count(orderEvents(cluster, i), "MemberSuspected", member))
                            .as("MemberSuspected(%s) observed by orders-app on n%d", member, i)
                            .isGreaterThan(suspectedBefore.get(i));
                }
            });
            int observer = observers.get(0);
            String metrics = http().get(cluster.baseUrl(observer) + "/metrics").body();
            assertThat(metrics).containsPattern("synod_detector_phi\\{[^}]*member=\"" + member + "\"")
                    .containsPattern("\\nsynod_detector_suspected_total\\{[^}]*\\} [1-9]");
        } finally {
            assertThat(script.run(Duration.ofSeconds(30), "resume", String.valueOf(paused)).exitCode()).isZero();
        }
        long resumedAt = System.nanoTime();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            for (int i : observers) {
                assertThat(states(detector(api, cluster, i)).get(member)).as("%s as seen by n%d", member, i)
                        .isEqualTo("ALIVE");
            }
        });
        System.out.println("[FailureDetectorIT] " + member + " resumed; alive again for both others after "
                + (System.nanoTime() - resumedAt) / 1_000_000 + " ms");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            for (int i : observers) {
                assertThat(count(orderEvents(cluster, i), "MemberRecovered", member))
                        .as("MemberRecovered(%s) observed by orders-app on n%d", member, i)
                        .isGreaterThan(recoveredBefore.get(i));
            }
        });
        String view = http().get(cluster.baseUrl(observers.get(0)) + "/orders-app/member-events/view").body();
        assertThat(view).contains("\"member\":\"" + member + "\"", "\"phiThreshold\":");

        // healthy again for the next class: every instance ready, and the resumed one alive to the others
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            awaitBody(http(), cluster.baseUrl(i) + "/health/ready", WAIT, body -> body.startsWith("{\"status\":\"UP\""));
        }
    }

    private static String detector(Http api, LocalCluster.Running cluster, int instance) {
        HttpResponse<String> response = api.get(cluster.baseUrl(instance) + "/synod/api/v1/detector");
        assertThat(response.statusCode()).as("n%d /synod/api/v1/detector: %s", instance, response.body()).isEqualTo(200);
        return response.body();
    }

    private static String orderEvents(LocalCluster.Running cluster, int instance) {
        HttpResponse<String> response = http().get(cluster.baseUrl(instance) + "/orders-app/member-events");
        assertThat(response.statusCode()).as("n%d /orders-app/member-events: %s", instance, response.body()).isEqualTo(200);
        return response.body();
    }

    /** member id → state, from the detector JSON's per-member objects. */
    private static Map<String, String> states(String json) {
        Map<String, String> states = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("\"member\":\"([^\"]+)\",\"state\":\"([A-Z]+)\"").matcher(json);
        while (m.find()) {
            states.put(m.group(1), m.group(2));
        }
        return states;
    }

    private static int count(String events, String type, String member) {
        Matcher m = Pattern.compile("\"type\":\"" + type + "\",\"member\":\"" + Pattern.quote(member) + "\"").matcher(events);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
