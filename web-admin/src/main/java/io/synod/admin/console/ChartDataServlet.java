package io.synod.admin.console;

import io.synod.admin.monitor.ChartSample;
import io.synod.admin.monitor.ClusterMonitor;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The charts' data as JSON, for the charts page's script (polled every second; protected like every page):
 * the last 15 minutes of this node's one-second samples. A missing measurement is {@code null}, a gap.
 */
@WebServlet(ChartDataServlet.PATH)
public class ChartDataServlet extends HttpServlet {

    static final String PATH = "/console/charts.json"; // IdleSessionGuard counts it as background
    private static final long serialVersionUID = 1L;

    @Inject
    transient ClusterMonitor monitor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<ChartSample> samples = monitor.charts();
        JsonArrayBuilder time = Json.createArrayBuilder();
        JsonArrayBuilder commits = Json.createArrayBuilder();
        JsonArrayBuilder p50 = Json.createArrayBuilder();
        JsonArrayBuilder p99 = Json.createArrayBuilder();
        JsonArrayBuilder f50 = Json.createArrayBuilder();
        JsonArrayBuilder f99 = Json.createArrayBuilder();
        TreeSet<String> members = new TreeSet<>();
        samples.forEach(s -> members.addAll(s.lag().keySet()));
        for (ChartSample s : samples) {
            time.add(s.epochMillis());
            add(commits, s.commitsPerSecond());
            add(p50, s.proposalP50Millis());
            add(p99, s.proposalP99Millis());
            add(f50, s.fsyncP50Millis());
            add(f99, s.fsyncP99Millis());
        }
        JsonObjectBuilder lag = Json.createObjectBuilder();
        for (String member : members) {
            JsonArrayBuilder series = Json.createArrayBuilder();
            samples.forEach(s -> {
                Long value = s.lag().get(member);
                if (value == null) {
                    series.addNull();
                } else {
                    series.add(value);
                }
            });
            lag.add(member, series);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("time", time).add("commitsPerSecond", commits)
                .add("proposalP50", p50).add("proposalP99", p99).add("fsyncP50", f50).add("fsyncP99", f99)
                .add("lag", lag).build().toString());
    }

    private static void add(JsonArrayBuilder array, OptionalDouble value) {
        if (value.isPresent()) {
            array.add(Math.round(value.getAsDouble() * 1000) / 1000.0);
        } else {
            array.addNull();
        }
    }
}
