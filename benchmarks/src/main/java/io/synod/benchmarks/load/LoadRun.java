package io.synod.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One measurement: {@code threads} threads, each with its own keep-alive connection to one member (thread i
 * talks to member i mod 3, so two thirds of the load lands on followers), each doing sequential puts of a
 * fixed-size value to keys it never used before, for a warm-up and then a measured window. A put counts in
 * the window when it completes inside it; its latency is from writing the request to reading the whole
 * response.
 */
final class LoadRun {

    /** After a failed put a thread pauses this long, so a refused connection does not become a busy loop. */
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(20);

    private final KvPutProtocol protocol;
    private final List<Member> members;
    private final LoadSettings settings;

    LoadRun(KvPutProtocol protocol, List<Member> members, LoadSettings settings) {
        this.protocol = protocol;
        this.members = List.copyOf(members);
        this.settings = settings;
    }

    LoadResult run(int threads) throws InterruptedException {
        String keyPrefix = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-" + threads + "t";
        long start = System.nanoTime();
        long windowStart = start + settings.warmup().toNanos();
        long windowEnd = windowStart + settings.duration().toNanos();
        AtomicLong successes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<LatencySamples> samples = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            LatencySamples mine = new LatencySamples();
            samples.add(mine);
            Member member = members.get(t % members.size());
            String threadPrefix = keyPrefix + "-" + t + "-";
            byte[] value = ValueBytes.of(settings.valueBytes(), t);
            Thread worker = new Thread(() -> {
                ready.countDown();
                try (HttpKeepAliveConnection connection = new HttpKeepAliveConnection(member, settings.requestTimeoutMillis())) {
                    go.await();
                    long end = windowEnd;
                    for (long seq = 0; System.nanoTime() < end; seq++) {
                        byte[] request = protocol.putRequest(member, threadPrefix + seq, value);
                        long sent = System.nanoTime();
                        String failure;
                        try {
                            HttpReply reply = connection.exchange(request);
                            failure = reply.isSuccess() ? null : reply.describe();
                        } catch (IOException | RuntimeException e) {
                            failure = e.toString();
                        }
                        long done = System.nanoTime();
                        boolean inWindow = done >= windowStart && done < windowEnd;
                        if (failure == null) {
                            successes.incrementAndGet();
                            if (inWindow) {
                                mine.record(done - sent);
                            }
                        } else {
                            if (inWindow) {
                                errors.incrementAndGet();
                            }
                            firstError.compareAndSet(null, member + ": " + failure);
                            LockSupport.parkNanos(PAUSE_AFTER_ERROR.toNanos());
                        }
                        // A system that has not taken one put by the end of the warm-up is not worth a full run.
                        if (done >= windowStart && successes.get() == 0) {
                            end = done;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, protocol.system() + "-load-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long[] sorted = LatencySamples.mergeSorted(samples);
        return new LoadResult(protocol.system(), threads, sorted.length, errors.get(), settings.duration(),
                LatencySamples.percentile(sorted, 0.50), LatencySamples.percentile(sorted, 0.99),
                Optional.ofNullable(firstError.get()));
    }
}
