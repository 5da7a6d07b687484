package io.synod.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's store browser and its cluster actions in a real browser (headless Debian chromium) against the
 * shared 3-instance cluster: an edit made in the UI read back through the ops API of another member, a delete,
 * the viewer's read-only store page and a forged edit refused, the reserved audit prefix, "snapshot now" moving
 * the snapshot index, and a membership change. Screenshots land in target/screenshots/.
 */
@ExtendWith(LocalCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleStoreIT {

    private static final String PREFIX = "it-console/";
    private final Http api = Http.basic(LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD);

    @Test
    @Order(1)
    void aStoreEditMadeInTheUiIsReadBackThroughTheOpsApi(LocalCluster.Running cluster) {
        String base1 = cluster.baseUrl(1);
        assertThat(api.put(base1 + "/synod/api/v1/kv/" + PREFIX + "edit", bytes("{\"color\":\"blue\",\"n\":1}"))
                .statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            api.put(base1 + "/synod/api/v1/kv/" + PREFIX + "other-" + i, bytes("value " + i));
        }
        try (ConsoleBrowser browser = new ConsoleBrowser().login(base1, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            openStore(browser, PREFIX);
            assertThat(keysShown(browser)).contains(PREFIX + "edit", PREFIX + "other-0");
            select(browser, PREFIX + "edit");
            assertThat(browser.text("detail-kind")).isEqualTo("json");
            assertThat(browser.text("detail-value")).contains("\"color\": \"blue\"");
            browser.screenshot("store-browser");

            WebElement value = browser.driver().findElement(By.id("action-store:value"));
            value.clear();
            value.sendKeys("edited in the UI");
            browser.driver().findElement(By.id("action-store:ttl")).sendKeys("600");
            browser.driver().findElement(By.id("action-store:save-open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-store:save-confirm")).isDisplayed());
            browser.screenshot("store-save-confirmation");
            browser.driver().findElement(By.id("action-store:save-confirm")).click();
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("Saved " + PREFIX + "edit"));
            browser.await(Duration.ofSeconds(10), () -> "text".equals(browser.text("detail-kind")));
            browser.screenshot("store-after-edit");
        }
        for (int instance = 1; instance <= LocalCluster.SIZE; instance++) {
            HttpResponse<String> read = api.get(cluster.baseUrl(instance) + "/synod/api/v1/kv/" + PREFIX + "edit");
            assertThat(read.statusCode()).as("read on instance %d: %s", instance, read.body()).isEqualTo(200);
            assertThat(read.body()).contains("\"valueText\":\"edited in the UI\"").contains("\"version\":2")
                    .contains("ttlRemainingMillis");
        }
        assertThat(auditPage(cluster, 1)).contains("store put " + PREFIX + "edit (16 B, ttl 600 s, if at revision");
    }

    @Test
    @Order(2)
    void aStaleConditionalEditIsRefusedAndChangesNothing(LocalCluster.Running cluster) {
        String base = cluster.baseUrl(2);
        api.put(base + "/synod/api/v1/kv/" + PREFIX + "cas", bytes("first"));
        try (ConsoleBrowser browser = new ConsoleBrowser().login(base, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            openStore(browser, PREFIX);
            select(browser, PREFIX + "cas");
            // someone else writes after the page showed the key
            assertThat(api.put(base + "/synod/api/v1/kv/" + PREFIX + "cas", bytes("second")).statusCode()).isEqualTo(200);
            WebElement value = browser.driver().findElement(By.id("action-store:value"));
            value.clear();
            value.sendKeys("overwrite");
            browser.driver().findElement(By.id("action-store:save-open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-store:save-confirm")).isDisplayed());
            browser.driver().findElement(By.id("action-store:save-confirm")).click();
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("changed meanwhile"));
            browser.screenshot("store-stale-edit-refused");

            // bad input is a message, nothing written
            browser.driver().findElement(By.id("action-store:ttl")).sendKeys("soon");
            browser.driver().findElement(By.id("action-store:save-open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-store:save-confirm")).isDisplayed());
            browser.driver().findElement(By.id("action-store:save-confirm")).click();
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("ttl must be an integer"));
        }
        assertThat(api.get(base + "/synod/api/v1/kv/" + PREFIX + "cas").body()).contains("\"valueText\":\"second\"");
    }

    @Test
    @Order(3)
    void deletingAKeyInTheUiRemovesItEverywhere(LocalCluster.Running cluster) {
        String base = cluster.baseUrl(3);
        api.put(base + "/synod/api/v1/kv/" + PREFIX + "doomed", bytes("bye"));
        try (ConsoleBrowser browser = new ConsoleBrowser().login(base, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            openStore(browser, PREFIX + "doomed");
            select(browser, PREFIX + "doomed");
            browser.driver().findElement(By.id("action-store:delete-open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-store:delete-confirm")).isDisplayed());
            browser.screenshot("store-delete-confirmation");
            browser.driver().findElement(By.id("action-store:delete-confirm")).click();
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("Deleted " + PREFIX + "doomed"));
            browser.await(Duration.ofSeconds(10), () -> keysShown(browser).isEmpty()
                    && String.valueOf(browser.text("store:keys")).contains("No key starts with this prefix."));
            browser.screenshot("store-empty-after-delete");
        }
        for (int instance = 1; instance <= LocalCluster.SIZE; instance++) {
            assertThat(api.get(cluster.baseUrl(instance) + "/synod/api/v1/kv/" + PREFIX + "doomed").statusCode())
                    .as("instance %d", instance).isEqualTo(404);
        }
        assertThat(auditPage(cluster, 3)).contains("store delete " + PREFIX + "doomed (if at revision");
    }

    @Test
    @Order(4)
    void theViewerSeesNoStoreEditAndAForgedStoreEditIsRefused(LocalCluster.Running cluster) throws Exception {
        String base = cluster.baseUrl(1);
        api.put(base + "/synod/api/v1/kv/" + PREFIX + "guarded", bytes("original"));
        Map<String, String> adminForm;
        try (ConsoleBrowser admin = new ConsoleBrowser().login(base, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            openStore(admin, PREFIX + "guarded");
            select(admin, PREFIX + "guarded");
            adminForm = ConsoleForms.fields(admin, "action-store");
        }
        assertThat(adminForm).containsKeys("action-store", "action-store:key", "action-store:value");
        try (ConsoleBrowser viewer = new ConsoleBrowser().login(base, LocalCluster.VIEWER_USER, LocalCluster.VIEWER_PASSWORD)) {
            openStore(viewer, PREFIX + "guarded");
            select(viewer, PREFIX + "guarded");
            assertThat(viewer.text("detail-value")).isEqualTo("original");
            assertThat(viewer.driver().findElements(By.cssSelector("[id^='action-']"))).as("action elements").isEmpty();
            assertThat(viewer.driver().findElements(By.id("store:new"))).isEmpty();
            viewer.screenshot("store-viewer");

            Map<String, String> forged = new LinkedHashMap<>(adminForm);
            forged.put("action-store:value", "forged");
            forged.put("jakarta.faces.ViewState", ConsoleForms.firstViewState(viewer.driver().getPageSource()));
            forged.put("jakarta.faces.partial.ajax", "true");
            forged.put("jakarta.faces.source", "action-store:save-confirm");
            forged.put("jakarta.faces.partial.execute", "@all");
            forged.put("action-store:save-confirm", "action-store:save-confirm");
            HttpResponse<String> refused = ConsoleForms.postAjax(base + "/synod/store.xhtml", viewer.sessionCookie(), forged);
            assertThat(refused.statusCode()).as("forged store edit: %s", refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("read-only");
        }
        HttpResponse<String> apiWrite = Http.basic(LocalCluster.VIEWER_USER, LocalCluster.VIEWER_PASSWORD)
                .put(base + "/synod/api/v1/kv/" + PREFIX + "guarded", bytes("forged"));
        assertThat(apiWrite.statusCode()).isEqualTo(403);
        assertThat(api.get(base + "/synod/api/v1/kv/" + PREFIX + "guarded").body()).contains("\"valueText\":\"original\"");
    }

    @Test
    @Order(5)
    void theAuditPrefixCannotBeWrittenThroughTheStoreEvenByAnAdmin(LocalCluster.Running cluster) {
        String base = cluster.baseUrl(2);
        String existing = firstAuditKey(base);
        int auditBefore = auditKeys(base).size();
        try (ConsoleBrowser browser = new ConsoleBrowser().login(base, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            // deleting a real audit record from the store page
            openStore(browser, existing);
            select(browser, existing);
            browser.driver().findElement(By.id("action-store:delete-open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-store:delete-confirm")).isDisplayed());
            browser.driver().findElement(By.id("action-store:delete-confirm")).click();
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("reserved"));
            browser.screenshot("store-audit-delete-refused");

            // forging a new one
            browser.driver().findElement(By.id("store:new")).click();
            browser.await(Duration.ofSeconds(10), () -> browser.driver().findElements(By.id("action-store:delete-open")).isEmpty());
            WebElement key = browser.driver().findElement(By.id("action-store:key"));
            key.clear();
            key.sendKeys("/synod/audit/0-forged");
            browser.driver().findElement(By.id("action-store:value")).sendKeys("{\"v\":\"synod-audit/1\"}");
            browser.driver().findElement(By.id("action-store:save-open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-store:save-confirm")).isDisplayed());
            browser.driver().findElement(By.id("action-store:save-confirm")).click();
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("reserved"));
        }
        // the ops API, with the key's leading slash as an empty path segment or percent-encoded
        for (String path : new String[] {"kv//synod/audit/0-forged", "kv/%2Fsynod%2Faudit%2F0-forged"}) {
            HttpResponse<String> put = api.put(base + "/synod/api/v1/" + path, bytes("{}"));
            assertThat(put.statusCode()).as("PUT %s: %s", path, put.body()).isEqualTo(403);
            assertThat(put.body()).contains("\"status\":403").contains("reserved");
        }
        HttpResponse<String> delete = api.delete(base + "/synod/api/v1/kv/" + existing);
        assertThat(delete.statusCode()).as("DELETE %s: %s", existing, delete.body()).isEqualTo(403);
        java.util.List<String> after = auditKeys(base);
        assertThat(after).as("the audit record is still there").contains(existing);
        assertThat(after).noneMatch(k -> k.contains("forged"));
        // the refusals themselves are audited ("accepted", then "refused: ...reserved...")
        assertThat(after.size()).isGreaterThan(auditBefore);
        assertThat(auditPage(cluster, 2)).contains("store delete " + existing).contains("reserved");
    }

    @Test
    @Order(6)
    void takingASnapshotNowMovesThisMembersSnapshotIndex(LocalCluster.Running cluster) {
        String base = cluster.baseUrl(2);
        for (int i = 0; i < 5; i++) {
            api.put(base + "/synod/api/v1/kv/" + PREFIX + "snap-" + i, bytes("s" + i));
        }
        try (ConsoleBrowser browser = new ConsoleBrowser().login(base, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            long before = Long.parseLong(browser.text("snapshot-index"));
            browser.driver().findElement(By.id("action-snapshot:open")).click();
            browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-snapshot:confirm")).isDisplayed());
            browser.screenshot("snapshot-confirmation");
            browser.driver().findElement(By.id("action-snapshot:confirm")).click();
            browser.await(Duration.ofSeconds(30), () -> String.valueOf(browser.text("messages")).contains("Snapshot taken at index"));
            long after = Long.parseLong(browser.text("snapshot-index"));
            System.out.println("[ConsoleStoreIT] snapshot index of n2: " + before + " -> " + after);
            assertThat(after).isGreaterThan(before);
            assertThat(browser.text("messages")).contains("Snapshot taken at index " + after);
            browser.screenshot("snapshot-taken");
        }
        assertThat(api.get(base + "/synod/api/v1/cluster").body()).containsPattern("\"snapshotIndex\":[1-9]");
        assertThat(auditPage(cluster, 2)).contains("snapshot now on n2");
    }

    @Test
    @Order(7)
    void membershipChangesFromTheConsoleAreCheckedProposedAndAudited(LocalCluster.Running cluster) {
        String leader = leader(cluster);
        String base = cluster.baseUrl(Integer.parseInt(leader.substring(1)));
        try (ConsoleBrowser browser = new ConsoleBrowser().login(base, LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD)) {
            changeMembership(browser, "promote", leader);
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("is not a learner (already a voter)"));
            browser.screenshot("membership-refused");

            changeMembership(browser, "add-learner", "n9");
            browser.await(Duration.ofSeconds(20), () -> String.valueOf(browser.text("messages")).contains("Proposed: add-learner n9"));
            browser.await(Duration.ofSeconds(30), () -> api.get(base + "/synod/api/v1/cluster").body().contains("\"n9\""));
            browser.screenshot("membership-learner-added");

            // the removal may have to wait until the addition committed (one change at a time)
            // (one attempt's answer is awaited before the next: a second click after a slow success is a misfit)
            browser.await(Duration.ofSeconds(90), () -> {
                browser.js("var m = document.getElementById('messages'); if (m) { m.innerHTML = ''; }");
                changeMembership(browser, "remove", "n9");
                browser.await(Duration.ofSeconds(30), () -> !String.valueOf(browser.text("messages")).isEmpty());
                String answer = String.valueOf(browser.text("messages"));
                if (!answer.contains("Proposed: remove n9")) {
                    pause(1_000);
                }
                return answer.contains("Proposed: remove n9");
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (api.get(base + "/synod/api/v1/cluster").body().contains("\"n9\"") && System.nanoTime() < deadline) {
            pause(200);
        }
        assertThat(api.get(base + "/synod/api/v1/cluster").body()).doesNotContain("\"n9\"");
        assertThat(auditPage(cluster, Integer.parseInt(leader.substring(1))))
                .contains("add-learner n9").contains("remove n9");
    }

    // ------------------------------------------------------------------ helpers

    private static void changeMembership(ConsoleBrowser browser, String change, String id) {
        new Select(browser.driver().findElement(By.id("action-members:change"))).selectByValue(change);
        WebElement member = browser.driver().findElement(By.id("action-members:member"));
        member.clear();
        member.sendKeys(id);
        browser.driver().findElement(By.id("action-members:open")).click();
        browser.await(Duration.ofSeconds(5), () -> browser.driver().findElement(By.id("action-members:confirm")).isDisplayed());
        browser.driver().findElement(By.id("action-members:confirm")).click();
    }

    private static void openStore(ConsoleBrowser browser, String prefix) {
        browser.driver().findElement(By.id("nav-store")).click();
        browser.await(Duration.ofSeconds(20), () -> browser.driver().findElements(By.id("store:prefix")).size() == 1);
        WebElement field = browser.driver().findElement(By.id("store:prefix"));
        field.clear();
        field.sendKeys(prefix);
        browser.driver().findElement(By.id("store:search")).click();
        browser.await(Duration.ofSeconds(20), () -> browser.driver().findElements(By.id("store:keys")).size() == 1);
    }

    private static void select(ConsoleBrowser browser, String key) {
        browser.driver().findElements(By.cssSelector("a.key-link")).stream()
                .filter(a -> a.getText().trim().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not listed: " + keysShown(browser)))
                .click();
        browser.await(Duration.ofSeconds(20), () -> key.equals(browser.text("detail-key")));
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<String> keysShown(ConsoleBrowser browser) {
        return (java.util.List<String>) browser.js("return Array.from(document.querySelectorAll('a.key-link'))"
                + ".map(function (a) { return a.textContent.trim(); });");
    }

    private String firstAuditKey(String base) {
        String page = api.get(base + "/synod/api/v1/kv?prefix=/synod/audit/&limit=1").body();
        Matcher m = Pattern.compile("\"key\":\"(/synod/audit/[^\"]+)\"").matcher(page);
        assertThat(m.find()).as("an audit entry exists: %s", page).isTrue();
        return m.group(1);
    }

    private java.util.List<String> auditKeys(String base) {
        String page = api.get(base + "/synod/api/v1/kv?prefix=/synod/audit/&limit=10000").body();
        return Pattern.compile("\"key\":\"(/synod/audit/[^\"]+)\"").matcher(page).results().map(m -> m.group(1)).toList();
    }

    private String leader(LocalCluster.Running cluster) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = Pattern.compile("\"leader\":\"(n\\d)\"\\s*}?\\s*$")
                    .matcher(api.get(cluster.baseUrl(1) + "/synod/api/v1/cluster").body().trim());
            if (m.find()) {
                return m.group(1);
            }
            pause(200);
        }
        throw new AssertionError("no leader within 1 min");
    }

    private static String auditPage(LocalCluster.Running cluster, int instance) {
        Http browser = new Http();
        browser.get(cluster.baseUrl(instance) + "/synod/audit.xhtml");
        browser.postForm(cluster.baseUrl(instance) + "/synod/j_security_check",
                Map.of("j_username", LocalCluster.ADMIN_USER, "j_password", LocalCluster.ADMIN_PASSWORD));
        return browser.get(cluster.baseUrl(instance) + "/synod/audit.xhtml").body();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
