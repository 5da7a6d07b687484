package io.synod.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Must-show of distributed locks on 3 real instances: an application instance (examples/orders-app, through
 * {@code @Inject DistributedLock}) holding a lock is paused with {@code synod-cluster.sh pause} for longer than
 * the session TTL ({@code synod.session.ttl}, 10 s by default). Meanwhile the leader expires its session, another
 * instance acquires the lock with a higher fencing token and writes fenced by it. After resume, the paused holder
 * learns it lost the lease (its {@code onLost} fired) and its fenced write is rejected; the other holder's value
 * stands. The cluster is left with 3 healthy voters.
 */
@ExtendWith(LocalCluster.class)
class LockPauseIT {

    private static final String RUN = Long.toHexString(System.nanoTime());
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Well beyond the default 10 s TTL plus the leader's expiry period. */
    private static final Duration PAUSE = Duration.ofSeconds(25);

    @Test
    void aPausedHolderLosesItsLeaseAndItsFencedWriteIsRejected(LocalCluster.Running cluster) throws Exception {
        String leader = awaitLeader(cluster);
        int leaderInstance = Integer.parseInt(leader.substring(1));
        // the paused holder is a follower: the pause then tests the lease, not a leader election
        int holder = leaderInstance == 1 ? 2 : 1;
        int other = 6 - leaderInstance - holder;
        String lock = "it/" + RUN + "/stock";
        String key = "it/" + RUN + "/stock-count";
        Http http = new Http();

        HttpResponse<String> taken = expect(200, http.post(locks(cluster, holder, lock) + "?waitMillis=10000",
                "application/json", new byte[0]));
        long firstToken = number(taken.body(), "token");
        expect(200, http.put(write(cluster, holder, lock, key), bytes("10")));

        LocalCluster.Script script = cluster.script();
        assertThat(script.run(Duration.ofSeconds(30), "pause", String.valueOf(holder)).exitCode()).isZero();
        long secondToken;
        try {
            Thread.sleep(PAUSE.toMillis());
            HttpResponse<String> second = expect(200, http.post(locks(cluster, other, lock) + "?waitMillis=60000",
                    "application/json", new byte[0]));
            secondToken = number(second.body(), "token");
            assertThat(secondToken).as("the next holder's token").isGreaterThan(firstToken);
            expect(200, http.put(write(cluster, other, lock, key), bytes("9")));

            HttpResponse<String> sessions = api().get(cluster.baseUrl(other) + "/synod/api/v1/locks");
            assertThat(sessions.body()).contains("\"token\":" + secondToken);
        } finally {
            assertThat(script.run(Duration.ofSeconds(30), "resume", String.valueOf(holder)).exitCode()).isZero();
        }

        // after resume: onLost fired (noticed only now), and the paused holder's fenced write is refused
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> state = http.get(locks(cluster, holder, lock));
            assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
            assertThat(state.body()).contains("\"reason\":\"SESSION_EXPIRED\"").contains("\"valid\":false");
        });
        HttpResponse<String> stale = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> http.put(write(cluster, holder, lock, key), bytes("11")), r -> r.statusCode() == 409);
        assertThat(stale.body()).contains("\"fenced\":true").contains("\"newestToken\":" + secondToken);

        HttpResponse<String> value = api().get(cluster.baseUrl(holder) + "/synod/api/v1/kv/" + key
                + "?consistency=linearizable");
        assertThat(value.body()).contains("\"valueText\":\"9\"");

        expect(204, http.delete(locks(cluster, other, lock)));
        http.delete(locks(cluster, holder, lock)); // closing a lost lease changes nothing on the cluster
        awaitHealthy(cluster);
    }

    private static void awaitHealthy(LocalCluster.Running cluster) {
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            int instance = i;
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                HttpResponse<String> view = api().get(cluster.baseUrl(instance) + "/synod/api/v1/cluster");
                assertThat(view.statusCode()).isEqualTo(200);
                assertThat(view.body()).contains("\"leader\":\"");
            });
        }
    }

    private static String locks(LocalCluster.Running cluster, int instance, String lock) {
        return cluster.baseUrl(instance) + "/orders-app/locks/" + lock;
    }

    private static String write(LocalCluster.Running cluster, int instance, String lock, String key) {
        return locks(cluster, instance, lock) + "/write?key=" + key;
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(),
                response.body()).isEqualTo(status);
        return response;
    }

    private static String awaitLeader(LocalCluster.Running cluster) {
        String[] leader = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> view = api().get(cluster.baseUrl(1) + "/synod/api/v1/cluster");
            assertThat(view.statusCode()).isEqualTo(200);
            Matcher m = Pattern.compile("\"leader\":\"([^\"]+)\"").matcher(view.body());
            assertThat(m.find()).isTrue();
            leader[0] = m.group(1);
        });
        return leader[0];
    }

    private static Http api() {
        return Http.basic(LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertThat(matcher.find()).as("numeric field %s in %s", name, json).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
