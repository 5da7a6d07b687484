package io.synod.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Forging console form posts for the read-only tests: an admin's form as the browser would submit it, replayed
 * outside the browser in another user's session.
 */
final class ConsoleForms {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private ConsoleForms() {
    }

    /** Every named field of a form as the browser would submit it (name to value). */
    @SuppressWarnings("unchecked")
    static Map<String, String> fields(ConsoleBrowser browser, String formId) {
        Map<String, Object> fields = (Map<String, Object>) browser.js("var out = {};"
                + " Array.from(document.getElementById(arguments[0]).elements).forEach(function (e) {"
                + "   if (e.name) { out[e.name] = e.value; } });"
                + " return out;", formId);
        return fields.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()),
                (a, b) -> a, LinkedHashMap::new));
    }

    static String firstViewState(String html) {
        Matcher m = VIEW_STATE.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    /** Posts {@code form} as a Faces Ajax request with the session {@code cookie}, following no redirect. */
    static HttpResponse<String> postAjax(String url, String cookie, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Faces-Request", "partial/ajax")
                .header("Cookie", cookie)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
