package io.synod.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent writers of unique keys through the ops API ({@code PUT /synod/api/v1/kv/{key}}) of the members
 * still alive, spread over them: writer {@code w} starts on member {@code w mod SIZE + 1}; a writer whose member
 * fails (killed, or answering an error) moves on to the next live one. Every acknowledged write (200) is
 * recorded with when it was issued and when it was answered, so that the caller can measure the write gap of
 * a failover and check afterwards that every acknowledged value is there.
 */
final class WriteLoad implements AutoCloseable {

    /** One write the cluster acknowledged: issued and answered at these {@link System#nanoTime()} instants. */
    record Ack(String key, String value, long issuedNanos, long ackedNanos) {
    }

    private final LocalCluster.Running cluster;
    private final String keyPrefix;
    private final Set<Integer> down = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> writers = new ArrayList<>();

    WriteLoad(LocalCluster.Running cluster, String keyPrefix, int writerCount) {
        this.cluster = cluster;
        this.keyPrefix = keyPrefix;
        for (int w = 0; w < writerCount; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(writer), "failover-writer-" + w);
            thread.setDaemon(true);
            writers.add(thread);
        }
        writers.forEach(Thread::start);
    }

    /** Writers stop sending to {@code instance} (the test is about to kill it) until {@link #up}. */
    void down(int instance) {
        down.add(instance);
    }

    void up(int instance) {
        down.remove(instance);
    }

    int ackCount() {
        return acks.size();
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** A few of the refused or failed attempts, for the report (they are expected around the kill). */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void write(int writer) {
        Http api = Http.basic(LocalCluster.ADMIN_USER, LocalCluster.ADMIN_PASSWORD);
        int member = writer % LocalCluster.SIZE + 1;
        long sequence = 0;
        while (running.get()) {
            member = live(member);
            String key = keyPrefix + "w" + writer + "/" + sequence++;
            String value = "v" + writer + "-" + sequence + "-" + Long.toHexString(System.nanoTime());
            long issued = System.nanoTime();
            try {
                HttpResponse<String> put = api.put(cluster.baseUrl(member) + "/synod/api/v1/kv/" + key,
                        value.getBytes(StandardCharsets.UTF_8));
                if (put.statusCode() == 200) {
                    acks.add(new Ack(key, value, issued, System.nanoTime()));
                    continue;
                }
                note("n" + member + " answered " + put.statusCode() + " " + put.body());
            } catch (IllegalStateException e) {
                note("n" + member + ": " + e.getMessage());
            }
            // not acknowledged: it may or may not have been applied; never checked. Try the next member.
            member = member % LocalCluster.SIZE + 1;
            pause();
        }
    }

    private int live(int member) {
        int candidate = member;
        for (int i = 0; i < LocalCluster.SIZE && down.contains(candidate); i++) {
            candidate = candidate % LocalCluster.SIZE + 1;
        }
        return candidate;
    }

    private void note(String failure) {
        if (failures.size() < 20) {
            failures.add(failure);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stop every writer and wait for its request in flight (bounded by the HTTP timeout). */
    @Override
    public void close() {
        running.set(false);
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The acknowledged values by key (each key is written once). */
    static Map<String, String> values(List<Ack> acks) {
        Map<String, String> values = new java.util.TreeMap<>();
        acks.forEach(a -> values.put(a.key(), a.value()));
        return values;
    }
}
