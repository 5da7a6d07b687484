package io.synod.ejb.kv;

import io.synod.api.CasResult;
import io.synod.api.Consistency;
import io.synod.api.IndeterminateOutcomeException;
import io.synod.api.InvalidKeyException;
import io.synod.api.InvalidRequestException;
import io.synod.api.KeyValue;
import io.synod.api.ScanPage;
import io.synod.api.SynodUnavailableException;
import io.synod.api.ValueTooLargeException;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Role;
import io.synod.core.statemachine.kv.KvLimits;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeSettings;
import io.synod.ejb.transport.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The store over a real single-voter runtime (real log directory, real event loop): its own quorum. */
class RuntimeKeyValueStoreTest {

    private static final NodeId SOLO = NodeId.of("solo");
    private static final KvLimits LIMITS = KvLimits.DEFAULT.withMaxKeyBytes(16).withMaxValueBytes(32);

    @TempDir
    Path dir;

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private NodeRuntime runtime;
    private RuntimeKeyValueStore store;

    @BeforeEach
    void start() throws Exception {
        TransportSettings transport = TransportSettings.defaults(SOLO, new InetSocketAddress("127.0.0.1", 0),
                "correct horse battery staple".getBytes(StandardCharsets.UTF_8));
        runtime = NodeRuntime.start(RuntimeSettings.defaults(SOLO, dir, transport, Set.of(SOLO))
                .withTick(Duration.ofMillis(20)).withKvLimits(LIMITS), Thread::new);
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.status().role() == Role.LEADER);
        store = new RuntimeKeyValueStore(() -> Optional.of(runtime), LIMITS, Duration.ofSeconds(20), callbacks);
    }

    @AfterEach
    void stop() {
        runtime.close();
        callbacks.shutdownNow();
    }

    @Test
    void putThenReadAtEveryConsistency() {
        long revision = store.put("cfg/x", bytes("one"));
        for (Consistency consistency : Consistency.values()) {
            KeyValue kv = store.get("cfg/x", consistency).orElseThrow();
            assertThat(kv.valueAsString()).as("%s", consistency).isEqualTo("one");
            assertThat(kv.modRevision()).isEqualTo(revision);
            assertThat(kv.createRevision()).isEqualTo(revision);
            assertThat(kv.version()).isEqualTo(1);
            assertThat(kv.expiresAt()).isEmpty();
        }
        assertThat(store.get("cfg/none")).isEmpty();
    }

    @Test
    void compareAndSetWinsOnTheCurrentRevisionAndReportsTheConflictOtherwise() {
        long first = store.put("cfg/x", bytes("one"));
        CasResult won = store.compareAndSet("cfg/x", first, bytes("two"));
        assertThat(won.succeeded()).isTrue();
        assertThat(won.revision()).isGreaterThan(first);

        CasResult lost = store.compareAndSet("cfg/x", first, bytes("three"));
        assertThat(lost.succeeded()).isFalse();
        assertThat(lost.currentRevision()).isEqualTo(won.revision());
        assertThat(lost.current().orElseThrow().valueAsString()).isEqualTo("two");
        assertThat(store.get("cfg/x").orElseThrow().valueAsString()).isEqualTo("two");

        assertThat(store.compareAndSet("cfg/new", 0, bytes("created")).succeeded()).as("0 = must be absent").isTrue();
        assertThat(store.putIfAbsent("cfg/new", bytes("again")).succeeded()).isFalse();
        assertThat(store.putIfAbsent("cfg/fresh", bytes("first")).succeeded()).isTrue();
    }

    @Test
    void scanAfterPagesThroughThePrefix() {
        for (String key : new String[] {"a/3", "a/1", "a/2", "b/1"}) {
            store.put(key, bytes(key));
        }
        ScanPage second = store.scanAfterAsync("a/", Optional.of("a/1"), 1).toCompletableFuture().join();
        assertThat(second.entries()).extracting(KeyValue::key).containsExactly("a/2");
        assertThat(second.more()).isTrue();
        ScanPage last = store.scanAfterAsync("a/", Optional.of("a/2"), 5).toCompletableFuture().join();
        assertThat(last.entries()).extracting(KeyValue::key).containsExactly("a/3");
        assertThat(last.more()).isFalse();
    }

    @Test
    void everyWriteUnderTheAuditPrefixIsRefusedAndChangesNothing() {
        String key = ReservedKeys.AUDIT_PREFIX + "x";
        long before = store.scan("", 10).revision();
        for (Runnable write : new Runnable[] {
                () -> store.put(key, bytes("forged")),
                () -> store.putIfAbsent(key, bytes("forged")),
                () -> store.compareAndSet(key, 0, bytes("forged")),
                () -> store.delete(key),
                () -> store.compareAndDelete(key, 1)}) {
            assertThat(catchThrowable(write::run)).isInstanceOf(ReservedKeyException.class)
                    .isInstanceOf(InvalidKeyException.class).hasMessageContaining("reserved");
        }
        assertThat(store.scan("", 10).revision()).as("nothing proposed").isEqualTo(before);
        assertThat(store.get(key)).as("reading stays open").isEmpty();
        assertThat(store.put("/synod/auditx", bytes("ok"))).as("only the prefix itself").isPositive();
    }

    @Test
    void deleteAndCompareAndDelete() {
        long revision = store.put("cfg/x", bytes("one"));
        assertThat(store.compareAndDelete("cfg/x", revision + 100).succeeded()).isFalse();
        assertThat(store.get("cfg/x")).isPresent();
        assertThat(store.compareAndDelete("cfg/x", revision).succeeded()).isTrue();
        assertThat(store.get("cfg/x")).isEmpty();
        store.put("cfg/y", bytes("y"));
        assertThat(store.delete("cfg/y")).isTrue();
        assertThat(store.delete("cfg/y")).as("already gone").isFalse();
    }

    @Test
    void scanReturnsKeysUnderThePrefixInOrderUpToTheLimit() {
        for (String key : new String[] {"a/3", "a/1", "a/2", "b/1"}) {
            store.put(key, bytes(key));
        }
        ScanPage page = store.scan("a/", 2);
        assertThat(page.entries()).extracting(KeyValue::key).containsExactly("a/1", "a/2");
        assertThat(page.more()).isTrue();
        assertThat(store.scan("a/", 10).entries()).hasSize(3);
        assertThat(store.scan("a/", 10).more()).isFalse();
    }

    @Test
    void aKeyWithATtlCarriesItsExpiryAndDisappearsOnceTheLeaderProposesExpiry() {
        store.put("lease/x", bytes("held"), Duration.ofMillis(300));
        assertThat(store.get("lease/x").orElseThrow().expiresAt()).isPresent();
        ExpiryProposer expiry = new ExpiryProposer(() -> Optional.of(runtime));
        // nothing else is written: only the proposer moves the replicated clock past the expiry
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            expiry.run();
            return store.get("lease/x").isEmpty();
        });
    }

    @Test
    void badInputFailsTypedBeforeAnythingIsProposed() {
        store.put("cfg/x", bytes("kept"));
        long last = runtime.status().lastIndex();

        assertThat(catchThrowable(() -> store.put("", bytes("v")))).isInstanceOf(InvalidKeyException.class);
        assertThat(catchThrowable(() -> store.put(null, bytes("v")))).isInstanceOf(InvalidKeyException.class);
        assertThat(catchThrowable(() -> store.put("k".repeat(17), bytes("v")))).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("16");
        assertThat(catchThrowable(() -> store.put("cfg/x", new byte[33]))).isInstanceOf(ValueTooLargeException.class);
        assertThat(catchThrowable(() -> store.put("cfg/x", null))).isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.put("cfg/x", bytes("v"), Duration.ofSeconds(-1))))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.put("cfg/x", bytes("v"), (Duration) null)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.put("cfg/x", bytes("v"), Duration.ofNanos(1500))))
                .as("TTLs are whole milliseconds").isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.compareAndSet("cfg/x", -1, bytes("v"))))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.compareAndDelete("cfg/x", 0))).isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.scan("a/", 0))).isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.get("cfg/x", null))).isInstanceOf(InvalidRequestException.class);
        assertThat(catchThrowable(() -> store.get("k".repeat(17)))).isInstanceOf(InvalidKeyException.class);

        assertThat(runtime.status().lastIndex()).as("nothing reached the log").isEqualTo(last);
        assertThat(store.get("cfg/x").orElseThrow().valueAsString()).isEqualTo("kept");
    }

    @Test
    void withoutARunningRuntimeBadInputIsStillBadInputAndGoodInputIsUnavailable() {
        RuntimeKeyValueStore notYet = new RuntimeKeyValueStore(Optional::empty, LIMITS, Duration.ofSeconds(5), callbacks);
        assertThat(catchThrowable(() -> notYet.put("", bytes("v")))).isInstanceOf(InvalidKeyException.class);
        assertThat(catchThrowable(() -> notYet.put("k", bytes("v")))).isInstanceOf(SynodUnavailableException.class);
        assertThat(catchThrowable(() -> notYet.get("k"))).isInstanceOf(SynodUnavailableException.class);
    }

    @Test
    void aWriteTheStoppedRuntimeCannotConfirmIsIndeterminateOrRefused() {
        runtime.close();
        Throwable failure = catchThrowable(() -> store.put("k", bytes("v")));
        // refused before it was taken (unavailable) or taken and not confirmed (indeterminate): never a bare error
        assertThat(failure).isInstanceOfAny(SynodUnavailableException.class, IndeterminateOutcomeException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
