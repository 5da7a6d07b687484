package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.kv.KeyValue;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.synod.ejb.runtime.RuntimeCluster.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests made on followers are forwarded to the leader over the real transport and retried across leader
 * changes; a retried write is applied once. Three real runtimes in one JVM (real TCP, real log directories).
 *
 * <p>"Applied once" is checked on the state itself: every test write puts a key nobody else writes, so a put
 * applied twice would leave that key at version 2 and the store's revision (one per applied put) above the
 * number of keys.
 */
class ForwardingClusterTest {

    private static final List<NodeId> ALL = List.of(id("n1"), id("n2"), id("n3"));

    @TempDir
    Path dir;

    /** What became of one write. */
    private enum Outcome { APPLIED, INDETERMINATE, NOT_PROPOSED }

    @Test
    void writesOnEachFollowerAreServedByTheLeaderAndReadLinearizablyOnAnother() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000).startAll()) {
            NodeRuntime leader = cluster.awaitLeader();
            List<NodeRuntime> followers = followersOf(cluster, leader.id());

            for (int i = 0; i < 2; i++) {
                NodeRuntime writer = followers.get(i);
                NodeRuntime reader = followers.get(1 - i);
                KvResult put = writer.submit(put("via/" + writer.id(), "from " + writer.id())).get(30, TimeUnit.SECONDS);

                assertThat(put).isInstanceOf(KvResult.Put.class);
                assertThat(text(reader.read("via/" + writer.id(), ReadConsistency.LINEARIZABLE)))
                        .contains("from " + writer.id());
                assertThat(text(reader.read("via/" + writer.id(), ReadConsistency.LEASE)))
                        .contains("from " + writer.id());
                assertThat(writer.metrics().forwardedWriteLatency().count()).isEqualTo(1);
            }
            assertThat(text(followers.get(0).read("absent", ReadConsistency.LINEARIZABLE))).isEmpty();
            assertThat(leader.transportCounters().clientFramesDelivered()).as("two writes and five reads forwarded")
                    .isGreaterThanOrEqualTo(7);
            assertThat(leader.transportCounters().rejectedFrames()).isZero();

            // informational only (nothing asserts on time): forwarded vs direct write latency in this JVM
            int n = 100;
            meanMicros(n, i -> leader.submit(put("warm/" + i, "x")));
            long[] direct = new long[2];
            long[] forwarded = new long[2];
            for (int round = 0; round < 2; round++) { // alternated, so a drifting disk favours neither
                direct[round] = meanMicros(n, i -> leader.submit(put("lat/d" + i, "x")));
                forwarded[round] = meanMicros(n, i -> followers.get(0).submit(put("lat/f" + i, "x")));
            }
            System.out.printf("[forwarding] sequential puts, mean of %d per round: direct on the leader %s us,"
                    + " forwarded from a follower %s us%n", n, java.util.Arrays.toString(direct),
                    java.util.Arrays.toString(forwarded));
            long directRead = meanMicros(n, i -> leader.read("lat/d" + i, ReadConsistency.LINEARIZABLE));
            long forwardedRead = meanMicros(n, i -> followers.get(0).read("lat/d" + i, ReadConsistency.LINEARIZABLE));
            System.out.printf("[forwarding] sequential linearizable reads (no fsync), mean of %d: direct %d us,"
                    + " forwarded %d us%n", n, directRead, forwardedRead);
        }
    }

    @Test
    void writesOnEveryMemberContinueAcrossLeaderTransfersAndNoneIsAppliedTwice() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 50).startAll()) {
            NodeRuntime first = cluster.awaitLeader();
            Writers writers = new Writers(cluster, ALL);
            await().until(() -> writers.applied() >= 30);

            NodeId target = followersOf(cluster, first.id()).get(0).id();
            first.transferLeadership(target).get(10, TimeUnit.SECONDS);
            await().until(() -> cluster.awaitLeader().id().equals(target));
            int afterFirst = writers.applied();
            await().until(() -> writers.applied() >= afterFirst + 30);
            NodeId back = first.id();
            cluster.get(target).transferLeadership(back).get(10, TimeUnit.SECONDS);
            await().until(() -> cluster.awaitLeader().id().equals(back));
            int afterSecond = writers.applied();
            await().until(() -> writers.applied() >= afterSecond + 30);
            writers.stop();

            writers.assertEachWriteAppliedAtMostOnce(cluster);
            assertThat(ALL.stream().mapToLong(n -> cluster.get(n).metrics().forwardedWriteLatency().count()).sum())
                    .as("writes made on followers were forwarded").isPositive();
            System.out.printf("[forwarding] transfers: %s, retries %d%n", writers,
                    ALL.stream().mapToLong(n -> cluster.get(n).metrics().requestRetries()).sum());
        }
    }

    @Test
    void writesOnFollowersContinueWhenTheLeaderIsClosedAndNoneIsAppliedTwice() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000).startAll()) {
            NodeRuntime first = cluster.awaitLeader();
            List<NodeId> survivors = followersOf(cluster, first.id()).stream().map(NodeRuntime::id).toList();
            Writers writers = new Writers(cluster, survivors);
            await().until(() -> writers.applied() >= 40);

            cluster.stop(first.id());
            int before = writers.applied();
            NodeRuntime second = cluster.awaitLeader();
            await().until(() -> writers.applied() >= before + 40);
            writers.stop();

            assertThat(second.id()).isNotEqualTo(first.id());
            writers.assertEachWriteAppliedAtMostOnce(cluster);
            System.out.printf("[forwarding] leader closed: %s, retries %d%n", writers,
                    survivors.stream().mapToLong(n -> cluster.get(n).metrics().requestRetries()).sum());
        }
    }

    @Test
    void aWriteMadeWhileNoLeaderExistsFailsAsNoLeaderWithoutBeingProposed() throws Exception {
        try (RuntimeCluster cluster = new RuntimeCluster(dir, java.util.Set.copyOf(ALL),
                s -> s.withRequestTimeout(java.time.Duration.ofMillis(500)))) {
            NodeRuntime alone = cluster.start(id("n1")); // no quorum: it can never learn of a leader

            Throwable write = failure(alone.submit(put("k", "v")));
            Throwable read = failure(alone.read("k", ReadConsistency.LINEARIZABLE));

            assertThat(write).isInstanceOf(NoLeaderException.class).hasMessageContaining("was known");
            assertThat(read).isInstanceOf(NoLeaderException.class);
            assertThat(alone.status().lastIndex()).isZero();
        }
    }

    /** Writers that put unique keys through the given members until stopped, recording each outcome. */
    private static final class Writers {
        private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        private final AtomicBoolean writing = new AtomicBoolean(true);
        private final ExecutorService pool = Executors.newFixedThreadPool(4);

        Writers(RuntimeCluster cluster, List<NodeId> via) {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String key = "w" + writer + "/" + i;
                        NodeRuntime member = cluster.get(via.get((writer + i) % via.size()));
                        outcomes.put(key, member == null ? Outcome.NOT_PROPOSED : attempt(member, key));
                    }
                    return null;
                });
            }
        }

        private static Outcome attempt(NodeRuntime member, String key) throws InterruptedException {
            try {
                member.submit(put(key, "v")).get(60, TimeUnit.SECONDS);
                return Outcome.APPLIED;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IndeterminateOutcomeException) {
                    return Outcome.INDETERMINATE;
                }
                if (e.getCause() instanceof NoLeaderException || e.getCause() instanceof NodeStoppedException) {
                    return Outcome.NOT_PROPOSED;
                }
                throw new AssertionError("unexpected failure of " + key, e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the request timeout must end every request; " + key + " hung");
            }
        }

        int applied() {
            return (int) outcomes.values().stream().filter(Outcome.APPLIED::equals).count();
        }

        void stop() throws InterruptedException {
            writing.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        }

        /**
         * Every acknowledged key is there at version 1, no key is at any other version, and the revision — one per
         * applied put — equals the number of keys: no write, retried or not, was applied twice.
         */
        void assertEachWriteAppliedAtMostOnce(RuntimeCluster cluster) {
            int present = 0;
            for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
                Optional<KeyValue> kv = readLinearizableKv(cluster, e.getKey());
                if (e.getValue() == Outcome.APPLIED) {
                    assertThat(kv).as(e.getKey() + " was acknowledged").isPresent();
                }
                if (e.getValue() == Outcome.NOT_PROPOSED) {
                    assertThat(kv).as(e.getKey() + " was reported not proposed").isEmpty();
                }
                if (kv.isPresent()) {
                    present++;
                    assertThat(kv.get().version()).as(e.getKey() + " applied once").isEqualTo(1);
                }
            }
            KvResult.Put end = cluster.put("end", "end");
            assertThat(end.revision()).as("one revision per applied put, plus the final one").isEqualTo(present + 1);
        }

        @Override
        public String toString() {
            Map<Outcome, Long> counts = new java.util.EnumMap<>(Outcome.class);
            outcomes.values().forEach(o -> counts.merge(o, 1L, Long::sum));
            return "writes " + counts;
        }
    }

    private static Optional<KeyValue> readLinearizableKv(RuntimeCluster cluster, String key) {
        return await("read " + key).until(() -> {
            Optional<NodeRuntime> leader = cluster.currentLeader();
            if (leader.isEmpty()) {
                return null;
            }
            try {
                return leader.get().read(key, ReadConsistency.LINEARIZABLE).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                return null;
            }
        }, r -> r != null);
    }

    private static List<NodeRuntime> followersOf(RuntimeCluster cluster, NodeId leader) {
        List<NodeRuntime> followers = new ArrayList<>();
        ALL.stream().filter(n -> !n.equals(leader)).map(cluster::get).forEach(followers::add);
        return followers;
    }

    private static KvCommand.Put put(String key, String value) {
        return new KvCommand.Put(key, value.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    private static Optional<String> text(CompletableFuture<Optional<KeyValue>> read) throws Exception {
        return read.get(30, TimeUnit.SECONDS).map(RuntimeCluster::text);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long meanMicros(int n, java.util.function.IntFunction<? extends CompletableFuture<?>> write)
            throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            write.apply(i).get(30, TimeUnit.SECONDS);
        }
        return (System.nanoTime() - start) / n / 1_000;
    }
}
