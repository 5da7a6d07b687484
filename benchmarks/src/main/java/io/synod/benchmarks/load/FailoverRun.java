package io.synod.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failover phase on a Synod cluster: writer threads spread over all members (thread i on member i mod 3)
 * put continuously; after a while the leader, as {@code GET /synod/api/v1/cluster} names it, is killed with
 * SIGKILL through the cluster script, and the writes go on for a while more. The gap is computed from every
 * acknowledged write's send and answer times ({@link FailoverGap}).
 */
final class FailoverRun {

    private static final Pattern LEADER = Pattern.compile("\"leader\"\\s*:\\s*\"n(\\d+)\"");
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(20);

    private final KvPutProtocol protocol;
    private final List<Member> members;
    private final LoadSettings settings;
    private final String authorization;

    FailoverRun(KvPutProtocol protocol, List<Member> members, LoadSettings settings, String adminPassword) {
        this.protocol = protocol;
        this.members = List.copyOf(members);
        this.settings = settings;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    FailoverGap run(ClusterScript cluster) throws IOException, InterruptedException {
        LoadSettings.FailoverSettings failover = settings.failover();
        String keyPrefix = "failover-" + Long.toString(System.currentTimeMillis(), 36);
        AtomicBoolean stop = new AtomicBoolean();
        List<AckTimes> acks = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < failover.threads(); t++) {
            AckTimes mine = new AckTimes();
            acks.add(mine);
            Member member = members.get(t % members.size());
            String threadPrefix = keyPrefix + "-" + t + "-";
            byte[] value = ValueBytes.of(settings.valueBytes(), t);
            Thread writer = new Thread(() -> {
                try (HttpKeepAliveConnection connection = new HttpKeepAliveConnection(member, settings.requestTimeoutMillis())) {
                    for (long seq = 0; !stop.get(); seq++) {
                        byte[] request = protocol.putRequest(member, threadPrefix + seq, value);
                        long sent = System.nanoTime();
                        boolean ok;
                        try {
                            ok = connection.exchange(request).isSuccess();
                        } catch (IOException | RuntimeException e) {
                            ok = false;
                        }
                        if (ok) {
                            mine.record(sent, System.nanoTime());
                        } else {
                            LockSupport.parkNanos(PAUSE_AFTER_ERROR.toNanos());
                        }
                    }
                }
            }, protocol.system() + "-failover-" + t);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
        try {
            Thread.sleep(failover.beforeKill().toMillis());
            int leader = findLeader();
            cluster.kill(leader);
            // Taken once the script has returned, so the kill has certainly happened: a clock read before
            // starting the script would count puts sent while the script was still starting (hundreds of ms on
            // a loaded machine), which the old leader commits, as the first acknowledgements "after" the kill.
            long killNanos = System.nanoTime();
            Thread.sleep(failover.afterKill().toMillis());
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            return AckTimes.gap(killNanos, acks);
        } finally {
            stop.set(true);
        }
    }

    /** The instance number (nI → I) of the leader any member names. */
    private int findLeader() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String lastAnswer = "no answer";
        for (Member member : members) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + member + "/synod/api/v1/cluster"))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).GET().build();
            try {
                String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher matcher = LEADER.matcher(body);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
                lastAnswer = body;
            } catch (IOException e) {
                lastAnswer = e.toString();
            }
        }
        throw new IllegalStateException("no member names a leader; last answer: " + lastAnswer);
    }
}
