package io.synod.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in a real browser (headless Debian chromium through Selenium) against the shared 3-instance
 * cluster: what an operator sees, the leadership transfer action and its audit record, the read-only role, and
 * a crash of the leader watched live. Screenshots of every page land in target/screenshots/.
 */
@ExtendWith(LocalCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final List<String> ALL = List.of("n1", "n2", "n3");

    @Test
    @Order(1)
    void adminSeesThreeMembersAndOneLeaderOnEveryPage(LocalCluster.Running cluster) {
        String leader = awaitAgreedLeader(cluster);
        try (ConsoleBrowser browser = new ConsoleBrowser().login(cluster.baseUrl(1), LocalCluster.ADMIN_USER,
                LocalCluster.ADMIN_PASSWORD)) {
            browser.await(Duration.ofSeconds(10), () -> browser.memberHealth()
                    .equals(List.of("n1=healthy", "n2=healthy", "n3=healthy")));
            assertThat(browser.text("leader")).isEqualTo(leader);
            assertThat(browser.driver().findElements(By.cssSelector(".leader-badge"))).hasSize(1);
            assertThat(browser.text("role")).isEqualTo("synod-admin");
            // every member's own numbers arrive (from its report), none is left unknown while all are healthy
            assertThat(browser.js("return Array.from(document.querySelectorAll('tr.member-row td'))"
                    + ".filter(function (td) { return td.textContent.trim() === '—'; }).length")).isEqualTo(0L);
            browser.screenshot("overview-admin-1280x800");

            browser.driver().findElement(By.id("nav-charts")).click();
            browser.await(Duration.ofSeconds(15), () -> String.valueOf(browser.text("charts-status")).contains("samples"));
            assertThat(browser.js("return typeof Chart")).isEqualTo("function");
            browser.screenshot("charts");

            browser.driver().findElement(By.id("nav-overview")).click();
            browser.resize(400, 860);
            browser.await(Duration.ofSeconds(10), () -> browser.memberHealth().size() == 3);
            assertThat((Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("horizontal overflow at 400 px").isLessThanOrEqualTo(0L);
            browser.screenshot("overview-narrow-400");
        }
    }

    @Test
    @Order(2)
    void transferringLeadershipInTheUiChangesTheLeaderShownWithinTwoSecondsAndIsAudited(LocalCluster.Running cluster) {
        String leader = awaitAgreedLeader(cluster);
        String target = ALL.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        try (ConsoleBrowser browser = new ConsoleBrowser().login(cluster.baseUrl(instanceOf(leader)),
                LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            browser.await(Duration.ofSeconds(10), () -> leader.equals(browser.text("leader")));
            new Select(browser.driver().findElement(By.id("action-transfer:target"))).selectByVisibleText(target);
            browser.driver().findElement(By.id("action-transfer:open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-transfer:confirm")).isDisplayed());
            browser.screenshot("transfer-confirmation");
            long clicked = System.nanoTime();
            browser.driver().findElement(By.id("action-transfer:confirm")).click();
            browser.await(Duration.ofSeconds(10), () -> target.equals(browser.text("leader")));
            Duration shown = Duration.ofNanos(System.nanoTime() - clicked);
            System.out.println("[ConsoleBrowserIT] transfer " + leader + " -> " + target + " shown after " + shown.toMillis() + " ms");
            assertThat(shown).as("time until the page shows the new leader").isLessThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(browser.text("messages")).contains("Leadership is being handed to " + target);
            browser.screenshot("overview-after-transfer");

            browser.driver().findElement(By.id("nav-audit")).click();
            browser.await(Duration.ofSeconds(10), () -> browser.driver().getCurrentUrl().contains("audit"));
            String audit = browser.text("audit");
            assertThat(audit).contains("transfer leadership " + leader + " -> " + target).contains("accepted")
                    .contains(LocalCluster.ADMIN_USER);
            browser.screenshot("audit");
        }
        assertThat(awaitAgreedLeader(cluster)).isEqualTo(target);
    }

    @Test
    @Order(3)
    void theViewerSeesNoActionAndAForgedActionPostIsRefused(LocalCluster.Running cluster) throws Exception {
        String leader = awaitAgreedLeader(cluster);
        String target = ALL.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        String base = cluster.baseUrl(instanceOf(leader));
        Map<String, String> adminForm;
        try (ConsoleBrowser admin = new ConsoleBrowser().login(base, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            adminForm = ConsoleForms.fields(admin, "action-transfer");
        }
        assertThat(adminForm).containsKeys("action-transfer", "action-transfer:target");
        int auditBefore = auditCount(cluster, instanceOf(leader));

        try (ConsoleBrowser viewer = new ConsoleBrowser().login(base, LocalCluster.VIEWER_USER, LocalCluster.VIEWER_PASSWORD)) {
            viewer.await(Duration.ofSeconds(10), () -> leader.equals(viewer.text("leader")));
            assertThat(viewer.text("role")).isEqualTo("synod-viewer");
            assertThat(viewer.driver().findElements(By.cssSelector("[id^='action-']"))).as("action elements").isEmpty();
            assertThat(viewer.driver().findElements(By.cssSelector("form button, form input[type=submit]")))
                    .extracting(e -> e.getAttribute("id")).containsOnly("session:logout");
            viewer.screenshot("overview-viewer");

            // the admin's action, replayed in the viewer's session with the view state the viewer's page holds
            String viewState = ConsoleForms.firstViewState(viewer.driver().getPageSource());
            assertThat(viewState).as("the viewer's own view state").isNotEmpty();
            Map<String, String> forged = new LinkedHashMap<>(adminForm);
            forged.put("action-transfer:target", target);
            forged.put("jakarta.faces.ViewState", viewState);
            forged.put("jakarta.faces.partial.ajax", "true");
            forged.put("jakarta.faces.source", "action-transfer:confirm");
            forged.put("jakarta.faces.partial.execute", "@all");
            forged.put("action-transfer:confirm", "action-transfer:confirm");
            HttpResponse<String> refused = ConsoleForms.postAjax(base + "/synod/index.xhtml", viewer.sessionCookie(), forged);
            assertThat(refused.statusCode()).as("forged action: %s", refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("read-only");
        }
        HttpResponse<String> apiWrite = Http.basic(LocalCluster.VIEWER_USER, LocalCluster.VIEWER_PASSWORD)
                .post(base + "/synod/api/v1/cluster/transfer-leadership?to=" + target);
        assertThat(apiWrite.statusCode()).isEqualTo(403);
        assertThat(apiWrite.body()).contains("\"status\":403").contains("synod-admin");
        assertThat(Http.basic(LocalCluster.VIEWER_USER, LocalCluster.VIEWER_PASSWORD)
                .get(base + "/synod/api/v1/cluster").statusCode()).isEqualTo(200);

        Thread.sleep(2_000); // a transfer, had one started, would be visible by now
        assertThat(awaitAgreedLeader(cluster)).as("leader after the refused requests").isEqualTo(leader);
        assertThat(auditCount(cluster, instanceOf(leader))).as("audit entries").isEqualTo(auditBefore);
    }

    /**
     * Last: it kills the leader while a survivor's overview is open, then restarts it and waits until the cluster
     * is whole again, for the next test class.
     */
    @Test
    @Order(4)
    void killingTheLeaderShowsTheNewLeaderAndTheDeadMemberUnreachableWithinThreeSeconds(LocalCluster.Running cluster) {
        String leader = awaitAgreedLeader(cluster);
        int killed = instanceOf(leader);
        int survivor = killed == 1 ? 2 : 1;
        LocalCluster.Script script = cluster.script();
        try (ConsoleBrowser browser = new ConsoleBrowser().login(cluster.baseUrl(survivor), LocalCluster.ADMIN_USER,
                LocalCluster.ADMIN_PASSWORD)) {
            browser.await(Duration.ofSeconds(10), () -> leader.equals(browser.text("leader"))
                    && browser.memberHealth().stream().allMatch(h -> h.endsWith("=healthy")));
            String before = browser.driver().getCurrentUrl();
            assertThat(script.run(Duration.ofSeconds(30), "kill", String.valueOf(killed)).exitCode()).isZero();
            long killedAt = System.nanoTime();
            browser.await(Duration.ofSeconds(15), () -> {
                String shown = browser.text("leader");
                return shown != null && ALL.contains(shown) && !shown.equals(leader)
                        && browser.memberHealth().contains(leader + "=unreachable");
            });
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.println("[ConsoleBrowserIT] leader " + leader + " killed; the open page showed "
                    + browser.text("leader") + " leading and " + leader + " unreachable after " + took.toMillis() + " ms");
            assertThat(browser.driver().getCurrentUrl()).as("no reload").isEqualTo(before);
            assertThat(took).as("time until the open page shows the failover").isLessThanOrEqualTo(Duration.ofSeconds(3));
            browser.screenshot("overview-leader-killed");

            assertThat(script.run(Duration.ofMinutes(4), "start", String.valueOf(killed)).exitCode()).isZero();
            browser.await(Duration.ofMinutes(3), () -> browser.memberHealth()
                    .equals(List.of("n1=healthy", "n2=healthy", "n3=healthy")));
            browser.screenshot("overview-member-back");
        }
        awaitAgreedLeader(cluster);
        for (int i = 1; i <= LocalCluster.SIZE; i++) {
            awaitStatus(cluster.baseUrl(i) + "/health/ready", 200, Duration.ofMinutes(2));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Waits until every instance names the same leader through the ops API, and returns it. */
    private static String awaitAgreedLeader(LocalCluster.Running cluster) {
        Http api = Http.basic(LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                List<String> leaders = new java.util.ArrayList<>();
                for (int i = 1; i <= LocalCluster.SIZE; i++) {
                    HttpResponse<String> r = api.get(cluster.baseUrl(i) + "/synod/api/v1/cluster");
                    last = r.body();
                    Matcher m = Pattern.compile("\"leader\":\"(n\\d)\"\\s*}?\\s*$").matcher(r.body().trim());
                    leaders.add(r.statusCode() == 200 && m.find() ? m.group(1) : null);
                }
                if (leaders.get(0) != null && leaders.stream().allMatch(leaders.get(0)::equals)) {
                    return leaders.get(0);
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            pause(200);
        }
        throw new AssertionError("the instances did not agree on a leader within 2 min; last answer: " + last);
    }

    private static void awaitStatus(String url, int status, Duration timeout) {
        Http http = new Http();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.get(url).statusCode() == status) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            pause(500);
        }
        throw new AssertionError(url + " did not answer " + status + " within " + timeout);
    }

    private static int auditCount(LocalCluster.Running cluster, int instance) {
        Http browser = new Http();
        browser.get(cluster.baseUrl(instance) + "/synod/audit.xhtml");
        browser.postForm(cluster.baseUrl(instance) + "/synod/j_security_check",
                Map.of("j_username", LocalCluster.ADMIN_USER, "j_password", LocalCluster.ADMIN_PASSWORD));
        String page = browser.get(cluster.baseUrl(instance) + "/synod/audit.xhtml").body();
        return (int) Pattern.compile("class=\"audit-action\"").matcher(page).results().count();
    }

    private static int instanceOf(String nodeId) {
        return Integer.parseInt(nodeId.substring(1));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
