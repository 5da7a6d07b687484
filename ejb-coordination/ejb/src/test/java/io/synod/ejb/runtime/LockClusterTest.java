package io.synod.ejb.runtime;

import io.synod.api.FencedBy;
import io.synod.api.FencingRejectedException;
import io.synod.api.InvalidLockNameException;
import io.synod.api.InvalidWaitException;
import io.synod.api.Lease;
import io.synod.api.LeaseClosedException;
import io.synod.api.LeaseLostEvent;
import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.core.statemachine.lock.LockInfo;
import io.synod.ejb.kv.RuntimeKeyValueStore;
import io.synod.ejb.lock.CoordinationExpiryProposer;
import io.synod.ejb.lock.LockMetrics;
import io.synod.ejb.lock.RuntimeDistributedLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import static io.synod.ejb.runtime.RuntimeCluster.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Locks and sessions hosted in the runtime's replicated state, used through the API as applications use it: three
 * real runtimes over TCP, one {@link RuntimeDistributedLock} (one session) per member, the leader's expiry
 * proposals running. A "paused" instance is one whose heartbeat scheduler stops running tasks.
 */
class LockClusterTest {

    private static final Duration TTL = Duration.ofMillis(1500);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ExecutorService callbacks = Executors.newCachedThreadPool();
    private final List<PausableScheduler> schedulers = new CopyOnWriteArrayList<>();

    /** Runs fixed-delay tasks only while not paused: heartbeats stop as in a paused JVM, and resume after. */
    private static final class PausableScheduler extends ScheduledThreadPoolExecutor {
        volatile boolean paused;

        PausableScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                         TimeUnit unit) {
            return super.scheduleWithFixedDelay(() -> {
                if (!paused) {
                    command.run();
                }
            }, initialDelay, delay, unit);
        }
    }

    @AfterEach
    void stop() {
        schedulers.forEach(ScheduledThreadPoolExecutor::shutdownNow);
        callbacks.shutdownNow();
    }

    private RuntimeDistributedLock locksOn(RuntimeCluster cluster, NodeId node, PausableScheduler scheduler) {
        schedulers.add(scheduler);
        return new RuntimeDistributedLock(() -> Optional.ofNullable(cluster.get(node)), node.value(), TTL, TIMEOUT,
                scheduler, callbacks, new LockMetrics());
    }

    private RuntimeDistributedLock locksOn(RuntimeCluster cluster, NodeId node) {
        return locksOn(cluster, node, new PausableScheduler());
    }

    private RuntimeKeyValueStore storeOn(RuntimeCluster cluster, NodeId node) {
        return storeOn(cluster, node, new LockMetrics());
    }

    private RuntimeKeyValueStore storeOn(RuntimeCluster cluster, NodeId node, LockMetrics metrics) {
        return new RuntimeKeyValueStore(() -> Optional.ofNullable(cluster.get(node)), KvLimits.DEFAULT, TIMEOUT,
                callbacks, metrics::fencedWriteRejected);
    }

    /** The leader's periodic proposals, on whichever member leads. */
    private void runExpiryProposers(RuntimeCluster cluster) {
        PausableScheduler proposers = new PausableScheduler();
        schedulers.add(proposers);
        for (NodeId node : cluster.runningIds()) {
            proposers.scheduleWithFixedDelay(new CoordinationExpiryProposer(
                    () -> Optional.ofNullable(cluster.get(node)), new LockMetrics()), 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    private static Optional<LockInfo> lockOn(NodeRuntime runtime, String name) {
        return runtime.lock(name).join();
    }

    @Test
    void tryAcquireWaitsFifoAndLeasesAreReleasedFromAnyThread() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000).startAll()) {
            cluster.awaitLeader();
            runExpiryProposers(cluster);
            RuntimeDistributedLock a = locksOn(cluster, id("n1"));
            RuntimeDistributedLock b = locksOn(cluster, id("n2"));
            RuntimeDistributedLock c = locksOn(cluster, id("n3"));

            Lease held = a.acquire("orders/1");
            assertThat(held.isValid()).isTrue();
            assertThat(b.tryAcquire("orders/1", Duration.ZERO)).isEmpty();
            assertThat(b.tryAcquire("orders/1", Duration.ofMillis(300))).as("times out while A holds").isEmpty();
            assertThat(b.metrics().counts().waitTimeouts()).isEqualTo(2);

            CompletableFuture<Lease> second = CompletableFuture.supplyAsync(() -> b.acquire("orders/1"), callbacks);
            await().until(() -> lockOn(cluster.get(id("n1")), "orders/1").map(l -> l.waiters().size()).orElse(0) == 1);
            CompletableFuture<Lease> third = CompletableFuture.supplyAsync(() -> c.acquire("orders/1"), callbacks);
            await().until(() -> lockOn(cluster.get(id("n1")), "orders/1").map(l -> l.waiters().size()).orElse(0) == 2);

            // released from another thread than the one that acquired: the lease owns the lock
            CompletableFuture.runAsync(held::close, callbacks).get(30, TimeUnit.SECONDS);
            Lease bLease = second.get(30, TimeUnit.SECONDS);
            assertThat(bLease.fencingToken()).isGreaterThan(held.fencingToken());
            assertThat(third).as("C queued after B: not granted while B holds").isNotDone();
            assertThat(held.isValid()).isFalse();
            assertThatThrownBy(() -> FencedBy.lease(held)).isInstanceOf(LeaseClosedException.class);

            bLease.close();
            Lease cLease = third.get(30, TimeUnit.SECONDS);
            assertThat(cLease.fencingToken()).isGreaterThan(bLease.fencingToken());
            cLease.close();
            assertThat(b.metrics().counts().waits()).isEqualTo(1);
            // n1's copy may trail the leader by the replication delay
            await().until(() -> lockOn(cluster.get(id("n1")), "orders/1").orElseThrow().holder().isEmpty());
        }
    }

    @Test
    void aPausedHolderLosesItsLeaseAndItsFencedWriteIsRejected() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000).startAll()) {
            cluster.awaitLeader();
            runExpiryProposers(cluster);
            PausableScheduler pausable = new PausableScheduler();
            RuntimeDistributedLock a = locksOn(cluster, id("n1"), pausable);
            RuntimeDistributedLock b = locksOn(cluster, id("n2"));
            LockMetrics metricsA = new LockMetrics();
            RuntimeKeyValueStore storeA = storeOn(cluster, id("n1"), metricsA);
            RuntimeKeyValueStore storeB = storeOn(cluster, id("n2"));

            Lease lease = a.acquire("stock/7");
            List<LeaseLostEvent> lost = new CopyOnWriteArrayList<>();
            lease.onLost(lost::add);
            storeA.put("stock/7/count", bytes("10"), FencedBy.lease(lease));

            pausable.paused = true; // no more heartbeats from A
            Lease taken = b.acquire("stock/7"); // waits until the leader expires A's session
            assertThat(taken.fencingToken()).isGreaterThan(lease.fencingToken());
            storeB.put("stock/7/count", bytes("9"), FencedBy.lease(taken));

            assertThat(lease.isValid()).as("a TTL without confirmed heartbeat").isFalse();
            assertThatThrownBy(() -> storeA.put("stock/7/count", bytes("11"), FencedBy.lease(lease)))
                    .isInstanceOfSatisfying(FencingRejectedException.class, e -> {
                        assertThat(e.token()).isEqualTo(lease.fencingToken());
                        assertThat(e.newestToken()).isEqualTo(taken.fencingToken());
                    });
            assertThat(storeB.get("stock/7/count").orElseThrow().valueAsString()).isEqualTo("9");
            assertThat(metricsA.counts().fencedRejections()).isEqualTo(1);
            assertThat(lost).as("nothing noticed while paused").isEmpty();

            pausable.paused = false;
            await().until(() -> lost.size() == 1);
            assertThat(lost.get(0).reason()).isEqualTo(LeaseLostEvent.Reason.SESSION_EXPIRED);
            assertThat(lost.get(0).fencingToken()).isEqualTo(lease.fencingToken());
            assertThat(a.metrics().counts().leasesLost()).isEqualTo(1);
            lease.close(); // after the loss: changes nothing
            await().until(() -> lockOn(cluster.get(id("n2")), "stock/7").flatMap(LockInfo::holder)
                    .map(h -> h.token() == taken.fencingToken()).orElse(false));

            // A can lock again, under a new session
            taken.close();
            try (Lease again = a.acquire("stock/7")) {
                assertThat(again.fencingToken()).isGreaterThan(taken.fencingToken());
                assertThat(again.isValid()).isTrue();
            }
        }
    }

    @Test
    void badInputIsRefusedTypedAndChangesNothing() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000).startAll()) {
            cluster.awaitLeader();
            RuntimeDistributedLock locks = locksOn(cluster, id("n2"));
            RuntimeKeyValueStore store = storeOn(cluster, id("n2"));

            assertThatThrownBy(() -> locks.acquire("")).isInstanceOf(InvalidLockNameException.class);
            assertThatThrownBy(() -> locks.acquire(null)).isInstanceOf(InvalidLockNameException.class);
            assertThatThrownBy(() -> locks.acquire("x".repeat(257))).isInstanceOf(InvalidLockNameException.class);
            assertThatThrownBy(() -> locks.acquire("white space")).isInstanceOf(InvalidLockNameException.class);
            assertThatThrownBy(() -> locks.tryAcquire("ok", Duration.ofMillis(-1)))
                    .isInstanceOf(InvalidWaitException.class);
            assertThatThrownBy(() -> locks.tryAcquire("ok", null)).isInstanceOf(InvalidWaitException.class);
            assertThatThrownBy(() -> locks.asLock("")).isInstanceOf(InvalidLockNameException.class);
            assertThatThrownBy(() -> store.put("k", bytes("v"), new FencedBy("never-granted", 5)))
                    .isInstanceOf(FencingRejectedException.class);
            assertThat(store.get("k")).isEmpty();

            CoordinationState state = cluster.get(id("n2")).coordination().join();
            assertThat(state.locks()).isEmpty();
            assertThat(state.sessions()).as("not even a session was opened").isEmpty();

            Lease lease = locks.acquire("ok");
            lease.close();
            lease.close(); // idempotent
            assertThatThrownBy(() -> FencedBy.lease(lease)).isInstanceOf(LeaseClosedException.class);
            assertThatThrownBy(lease::reacquire).isInstanceOf(LeaseClosedException.class);
        }
    }

    @Test
    void reentrancyIsOptInAndTheLockViewUnlocksFromAnotherThread() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 10_000).startAll()) {
            cluster.awaitLeader();
            RuntimeDistributedLock a = locksOn(cluster, id("n1"));
            RuntimeDistributedLock b = locksOn(cluster, id("n3"));

            Lease plain = a.acquire("plain");
            assertThatThrownBy(plain::reacquire).isInstanceOf(io.synod.api.InvalidRequestException.class);
            plain.close();

            Lease twice = a.acquireReentrant("re");
            twice.reacquire();
            twice.close();
            assertThat(b.tryAcquire("re", Duration.ZERO)).as("one hold left").isEmpty();
            twice.close();
            b.tryAcquire("re", Duration.ZERO).orElseThrow().close();

            Lock lock = a.asLock("juc");
            lock.lock();
            assertThat(b.asLock("juc").tryLock()).isFalse();
            CompletableFuture.runAsync(lock::unlock, callbacks).get(30, TimeUnit.SECONDS);
            Lock other = b.asLock("juc");
            assertThat(other.tryLock(10, TimeUnit.SECONDS)).isTrue();
            other.unlock();
            assertThatThrownBy(other::unlock).isInstanceOf(IllegalMonitorStateException.class);
        }
    }

    @Test
    void locksAndSessionsTravelInSnapshotsToARestartedMember() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, 20).startAll()) {
            cluster.awaitLeader();
            RuntimeDistributedLock a = locksOn(cluster, id("n1"));
            cluster.stop(id("n3"));
            Lease last = null;
            for (int i = 0; i < 30; i++) { // well past two snapshot thresholds while n3 is away
                a.acquire("snap/" + (i % 3)).close();
            }
            last = a.acquire("snap/held");
            cluster.start(id("n3"));
            long token = last.fencingToken();
            await().until(() -> lockOn(cluster.get(id("n3")), "snap/held")
                    .flatMap(LockInfo::holder).map(h -> h.token() == token).orElse(false));
            CoordinationState there = cluster.get(id("n3")).coordination().join();
            assertThat(there.sessions()).hasSize(1);
            assertThat(there.locks()).hasSize(4);
            assertThat(cluster.get(id("n3")).status().snapshotIndex()).isPositive();
            last.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
