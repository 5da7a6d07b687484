package io.synod.core.statemachine.kv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static io.synod.core.statemachine.kv.Kv.b;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random workloads against the store, checking after every command the invariants the rest of the system
 * relies on. Failures name the seed and step to replay.
 */
class KvStoreInvariantsTest {

    @Test
    void invariants_hold_under_random_workloads() {
        for (long seed = 1; seed <= 30; seed++) {
            run(seed, 500);
        }
    }

    private void run(long seed, int steps) {
        Random random = new Random(seed);
        KvStore store = new KvStore(KvLimits.DEFAULT);
        long time = 1_000;
        long lastRevision = 0;
        for (int step = 0; step < steps; step++) {
            time += random.nextInt(30);
            KvCommand command = randomCommand(random, step);
            KvResult result = store.apply(command, time);
            String where = "seed " + seed + " step " + step + " " + command + " -> " + result;

            assertThat(store.revision()).as(where).isGreaterThanOrEqualTo(lastRevision)
                    .isLessThanOrEqualTo(lastRevision + 1);
            boolean wrote = store.revision() == lastRevision + 1;
            if (result instanceof KvResult.Put p) {
                assertThat(wrote).as(where).isTrue();
                assertThat(p.revision()).as(where).isEqualTo(store.revision());
            }
            if (result instanceof KvResult.CasFailed || result instanceof KvResult.Get
                    || result instanceof KvResult.Scan || result instanceof KvResult.Rejected) {
                assertThat(wrote).as(where).isFalse();
            }
            lastRevision = store.revision();

            checkScanPagingSeesEveryLiveKeyOnce(store, time, where);
            assertThat(store.keysWithTtl()).as(where).isLessThanOrEqualTo(store.storedKeyCount());
        }
        checkHistoryReplaysToTheStoredState(store, "seed " + seed);
    }

    private static KvCommand randomCommand(Random random, int step) {
        String key = "k/" + random.nextInt(12);
        Optional<Ttl> ttl = random.nextInt(3) == 0 ? Optional.of(new Ttl(1 + random.nextInt(100)))
                : Optional.empty();
        byte[] value = b("v" + step);
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> new KvCommand.Put(key, value, ttl);
            case 3 -> new KvCommand.PutIfAbsent(key, value, ttl);
            case 4 -> new KvCommand.CompareAndSet(key, random.nextInt(step + 2), value, ttl);
            case 5 -> new KvCommand.Delete(key);
            case 6 -> new KvCommand.DeletePrefix("k/" + random.nextInt(2));
            case 7 -> new KvCommand.Expire();
            case 8 -> new KvCommand.CompareAndDelete(key, 1 + random.nextInt(step + 1));
            default -> new KvCommand.Get(key);
        };
    }

    private static void checkScanPagingSeesEveryLiveKeyOnce(KvStore store, long time, String where) {
        List<KeyValue> all = store.scan("", Optional.empty(), 10_000, time).kvs();
        List<KeyValue> paged = new ArrayList<>();
        KvResult.Scan page = store.scan("", Optional.empty(), 3, time);
        paged.addAll(page.kvs());
        while (page.more()) {
            page = store.scan("", Optional.of(paged.get(paged.size() - 1).key()), 3, time);
            paged.addAll(page.kvs());
        }
        assertThat(paged).as(where).isEqualTo(all);
        assertThat(all).as(where).extracting(KeyValue::key).isSorted().doesNotHaveDuplicates();
        for (KeyValue kv : all) {
            assertThat(kv.isExpiredAt(time)).as(where).isFalse();
            assertThat(kv.modRevision()).as(where).isLessThanOrEqualTo(store.revision());
            assertThat(store.get(kv.key(), time)).as(where).contains(kv);
        }
    }

    /** Watches are only correct if the events, applied in order, rebuild exactly what the store holds. */
    private static void checkHistoryReplaysToTheStoredState(KvStore store, String where) {
        WatchResult.Events events = (WatchResult.Events) store.events(1);
        TreeMap<String, KeyValue> replayed = new TreeMap<>();
        long previous = 0;
        for (KvEvent e : events.events()) {
            assertThat(e.revision()).as(where).isGreaterThanOrEqualTo(previous);
            previous = e.revision();
            if (e.kind() == KvEvent.Kind.PUT) {
                replayed.put(e.key(), e.kv().orElseThrow());
            } else {
                assertThat(replayed.remove(e.key())).as(where + " removes a key it had").isNotNull();
            }
        }
        assertThat(new ArrayList<>(replayed.values())).as(where).isEqualTo(store.image().kvs());
    }
}
