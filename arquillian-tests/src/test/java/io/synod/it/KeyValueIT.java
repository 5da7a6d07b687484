package io.synod.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replicated key-value store on the 3 real instances, through the operators' ops API and through a business
 * application's {@code @Inject KeyValueStore}: a write through n1 is read linearizably through n3, a LOCAL read
 * catches up, compare-and-set conflicts, prefix scans with a limit, TTL expiry, and bad input answered with 4xx
 * JSON while the stored key stays exactly as it was.
 *
 * <p>Writes go through n1 and linearizable reads through n3 whichever is leader: followers hand such requests to
 * the leader. With {@code -Dsynod.it.kv.leader-only=true} both go to the current leader instead (for builds
 * where followers still refuse them).
 */
@ExtendWith(LocalCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyValueIT {

    /** Distinguishes this run's keys from any earlier run's on a reused cluster. */
    private static final String RUN = Long.toHexString(System.nanoTime());
    private static final Pattern KEY_IN_JSON = Pattern.compile("\"key\":\"([^\"]*)\"");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static int writer = 1;
    private static int reader = 3;

    @BeforeAll
    static void chooseInstances(LocalCluster.Running cluster) {
        String leader = awaitLeader(cluster);
        if (Boolean.getBoolean("synod.it.kv.leader-only")) {
            writer = Integer.parseInt(leader.substring(1));
            reader = writer;
        }
    }

    @Test
    @Order(1)
    void aWriteThroughN1IsReadLinearizablyThroughN3(LocalCluster.Running cluster) {
        String key = "cfg/" + RUN + "/greeting";
        HttpResponse<String> put = api().put(kv(cluster, writer, key), bytes("hello, synod"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        long revision = number(put.body(), "revision");
        assertThat(revision).isPositive();

        HttpResponse<String> get = api().get(kv(cluster, reader, key) + "?consistency=linearizable");
        assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
        assertThat(text(get.body(), "key")).isEqualTo(key);
        assertThat(text(get.body(), "valueText")).isEqualTo("hello, synod");
        assertThat(text(get.body(), "value")).isEqualTo("aGVsbG8sIHN5bm9k");
        assertThat(number(get.body(), "modRevision")).isEqualTo(revision);
        assertThat(number(get.body(), "createRevision")).isEqualTo(revision);
        assertThat(number(get.body(), "version")).isEqualTo(1);
        assertThat(api().get(kv(cluster, reader, key) + "?consistency=lease").statusCode()).isEqualTo(200);

        HttpResponse<String> missing = api().get(kv(cluster, reader, "cfg/" + RUN + "/never-written"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).startsWith("{").contains("\"error\"");
    }

    @Test
    @Order(2)
    void anApplicationStoresAnOrderThroughTheInjectedStoreAndReadsItOnAnotherInstance(LocalCluster.Running cluster) {
        Http http = new Http();
        String id = "o-" + RUN;
        byte[] order = bytes("{\"item\":\"widget\",\"quantity\":3}");
        HttpResponse<String> placed = http.post(cluster.baseUrl(writer) + "/orders-app/orders/" + id, "application/json", order);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        long revision = number(placed.body(), "revision");

        HttpResponse<String> read = http.get(cluster.baseUrl(reader) + "/orders-app/orders/" + id);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("{\"item\":\"widget\",\"quantity\":3}");
        assertThat(read.headers().firstValue("X-Synod-Revision")).contains(Long.toString(revision));

        HttpResponse<String> again = http.post(cluster.baseUrl(writer) + "/orders-app/orders/" + id, "application/json",
                bytes("{\"item\":\"other\"}"));
        assertThat(again.statusCode()).as("an order is placed once: %s", again.body()).isEqualTo(409);
        assertThat(number(again.body(), "revision")).isEqualTo(revision);
        assertThat(http.get(cluster.baseUrl(reader) + "/orders-app/orders").body()).contains("\"" + id + "\"");

        // the ops API sees what the application stored: one store behind both
        HttpResponse<String> viaOps = api().get(kv(cluster, reader, "orders/" + id));
        assertThat(text(viaOps.body(), "valueText")).isEqualTo("{\\\"item\\\":\\\"widget\\\",\\\"quantity\\\":3}");
        assertThat(http.get(cluster.baseUrl(reader) + "/orders-app/orders/bad%20id").statusCode()).isEqualTo(400);
    }

    /** LOCAL is documented as possibly stale: it is only required to catch up, on every member, leader or not. */
    @Test
    @Order(3)
    void aLocalReadOnEveryMemberCatchesUpWithTheWrite(LocalCluster.Running cluster) {
        String key = "cfg/" + RUN + "/local";
        long revision = number(api().put(kv(cluster, writer, key), bytes("v1")).body(), "revision");
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            int instance = i;
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                HttpResponse<String> local = api().get(kv(cluster, instance, key) + "?consistency=local");
                assertThat(local.statusCode()).as("n%d: %s", instance, local.body()).isEqualTo(200);
                assertThat(number(local.body(), "modRevision")).as("n%d", instance).isEqualTo(revision);
            });
        }
    }

    @Test
    @Order(4)
    void compareAndSetSucceedsOnTheCurrentRevisionAndAConflictNamesTheCurrentOne(LocalCluster.Running cluster) {
        String key = "cfg/" + RUN + "/cas";
        long first = number(api().put(kv(cluster, writer, key), bytes("one")).body(), "revision");

        HttpResponse<String> won = api().put(kv(cluster, writer, key) + "?prevRevision=" + first, bytes("two"));
        assertThat(won.statusCode()).as(won.body()).isEqualTo(200);
        long second = number(won.body(), "revision");
        assertThat(second).isGreaterThan(first);

        HttpResponse<String> lost = api().put(kv(cluster, writer, key) + "?prevRevision=" + first, bytes("three"));
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(412);
        assertThat(number(lost.body(), "currentRevision")).isEqualTo(second);
        HttpResponse<String> created = api().put(kv(cluster, writer, key) + "?prevRevision=0", bytes("create"));
        assertThat(created.statusCode()).as("0 = must be absent: %s", created.body()).isEqualTo(412);
        HttpResponse<String> staleDelete = api().delete(kv(cluster, writer, key) + "?prevRevision=" + first);
        assertThat(staleDelete.statusCode()).as(staleDelete.body()).isEqualTo(412);

        HttpResponse<String> after = api().get(kv(cluster, reader, key));
        assertThat(text(after.body(), "valueText")).isEqualTo("two");
        assertThat(number(after.body(), "modRevision")).isEqualTo(second);
        assertThat(number(after.body(), "version")).isEqualTo(2);

        HttpResponse<String> deleted = api().delete(kv(cluster, writer, key) + "?prevRevision=" + second);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(api().get(kv(cluster, reader, key)).statusCode()).isEqualTo(404);
        assertThat(api().delete(kv(cluster, writer, key)).body()).contains("\"deleted\":false");
    }

    @Test
    @Order(5)
    void aPrefixScanReturnsKeysInOrderUpToTheLimit(LocalCluster.Running cluster) {
        String prefix = "scan/" + RUN + "/";
        for (String name : List.of("e", "b", "d", "a", "c")) {
            assertThat(api().put(kv(cluster, writer, prefix + name), bytes(name)).statusCode()).isEqualTo(200);
        }
        api().put(kv(cluster, writer, "scan/" + RUN + "-other"), bytes("outside the prefix"));

        HttpResponse<String> page = api().get(scan(cluster, reader, prefix, "3"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(keys(page.body())).containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(page.body()).contains("\"more\":true").contains("\"count\":3");

        HttpResponse<String> all = api().get(scan(cluster, reader, prefix, "10"));
        assertThat(keys(all.body())).hasSize(5);
        assertThat(all.body()).contains("\"more\":false");
    }

    @Test
    @Order(6)
    void aKeyWithATtlIsGoneSoonAfterItExpires(LocalCluster.Running cluster) {
        String key = "lease/" + RUN + "/session";
        HttpResponse<String> put = api().put(kv(cluster, writer, key) + "?ttl=2", bytes("alive"));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpResponse<String> alive = api().get(kv(cluster, reader, key));
        assertThat(alive.statusCode()).as(alive.body()).isEqualTo(200);
        assertThat(alive.body()).contains("\"expiresAt\"").contains("\"ttlRemainingMillis\"");
        assertThat(number(alive.body(), "ttlRemainingMillis")).isBetween(0L, 2_000L);
        // nothing else writes: the leader's periodic expiry proposal is what ends it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(api().get(kv(cluster, reader, key)).statusCode()).isEqualTo(404));
    }

    @Test
    @Order(7)
    void badInputIsA4xxJsonErrorAndChangesNothing(LocalCluster.Running cluster) {
        String key = "cfg/" + RUN + "/guarded";
        long revision = number(api().put(kv(cluster, writer, key), bytes("original")).body(), "revision");
        String url = kv(cluster, writer, key);

        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(expect(400, api().get(url + "?consistency=bogus")));
        refused.add(expect(400, api().put(url + "?ttl=-1", bytes("changed"))));
        refused.add(expect(400, api().put(url + "?ttl=soon", bytes("changed"))));
        refused.add(expect(400, api().put(url + "?prevRevision=abc", bytes("changed"))));
        refused.add(expect(400, api().put(url + "?prevRevision=-2", bytes("changed"))));
        refused.add(expect(400, api().delete(url + "?prevRevision=x")));
        refused.add(expect(413, api().put(url, new byte[1024 * 1024 + 1])));
        refused.add(expect(400, api().put(kv(cluster, writer, "k".repeat(1025)), bytes("too long a key"))));
        refused.add(expect(400, api().get(scan(cluster, writer, "cfg/", "0"))));
        refused.add(expect(400, api().get(scan(cluster, writer, "cfg/", "many"))));
        refused.add(expect(400, api().get(scan(cluster, writer, "cfg/", "99999999"))));
        for (HttpResponse<String> response : refused) {
            assertThat(response.body()).as("%s", response.uri()).startsWith("{").contains("\"error\"")
                    .contains("\"status\":" + response.statusCode());
        }

        HttpResponse<String> after = api().get(kv(cluster, reader, key));
        assertThat(text(after.body(), "valueText")).isEqualTo("original");
        assertThat(number(after.body(), "modRevision")).as("not written again").isEqualTo(revision);
        assertThat(after.body()).doesNotContain("expiresAt");
        assertThat(api().get(kv(cluster, reader, "k".repeat(1025))).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void theKvApiRequiresTheAdminCredentials(LocalCluster.Running cluster) {
        String url = kv(cluster, writer, "cfg/" + RUN + "/greeting");
        HttpResponse<String> anonymous = new Http().get(url);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).startsWith("{").contains("\"error\"");
        HttpResponse<String> wrong = Http.basic(LocalCluster.ADMIN_USER, "not-the-password").put(url, bytes("x"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(text(api().get(kv(cluster, reader, "cfg/" + RUN + "/greeting")).body(), "valueText"))
                .isEqualTo("hello, synod");
    }

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        return response;
    }

    private static String awaitLeader(LocalCluster.Running cluster) {
        String[] leader = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> view = api().get(cluster.baseUrl(1) + "/synod/api/v1/cluster");
            assertThat(view.statusCode()).isEqualTo(200);
            leader[0] = text(view.body(), "leader");
            assertThat(leader[0]).isNotNull();
        });
        return leader[0];
    }

    private static Http api() {
        return Http.basic(LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD);
    }

    private static String kv(LocalCluster.Running cluster, int instance, String key) {
        return cluster.baseUrl(instance) + "/synod/api/v1/kv/" + key;
    }

    private static String scan(LocalCluster.Running cluster, int instance, String prefix, String limit) {
        return cluster.baseUrl(instance) + "/synod/api/v1/kv?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)
                + "&limit=" + limit;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(String json) {
        List<String> keys = new ArrayList<>();
        Matcher matcher = KEY_IN_JSON.matcher(json);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }

    /** The first string field {@code name} of a flat JSON object (raw, escapes kept), null when absent. */
    private static String text(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static long number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertThat(matcher.find()).as("numeric field %s in %s", name, json).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
