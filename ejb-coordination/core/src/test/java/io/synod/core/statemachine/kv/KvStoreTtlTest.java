package io.synod.core.statemachine.kv;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.synod.core.statemachine.kv.Kv.b;
import static io.synod.core.statemachine.kv.Kv.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TTLs run on leader time only. The times used here are small numbers near the epoch on purpose: were the store
 * consulting the machine's clock, every key would look expired decades ago.
 */
class KvStoreTtlTest {

    private final KvStore store = new KvStore(KvLimits.DEFAULT);

    @Test
    void expiry_is_computed_from_the_entry_time() {
        store.apply(put("s", "v", 500), 1_000);
        assertThat(store.get("s", 1_000).orElseThrow().expiresAtMillis()).hasValue(1_500);
    }

    @Test
    void key_is_visible_until_its_expiry_and_invisible_from_it_on() {
        store.apply(put("s", "v", 500), 1_000);
        assertThat(store.get("s", 1_499)).isPresent();
        assertThat(store.get("s", 1_500)).isEmpty();
        assertThat(store.apply(new KvCommand.Get("s"), 1_500)).isEqualTo(new KvResult.Get(1, Optional.empty()));
    }

    @Test
    void writes_treat_an_expired_key_as_absent() {
        store.apply(put("lock", "old-owner", 100), 1_000);

        KvResult r = store.apply(new KvCommand.PutIfAbsent("lock", b("new-owner"), Optional.empty()), 1_100);

        assertThat(r).isEqualTo(new KvResult.Put(2, Optional.empty()));
        KeyValue kv = store.get("lock", 1_100).orElseThrow();
        assertThat(kv.createRevision()).isEqualTo(2);
        assertThat(kv.version()).isEqualTo(1);
        assertThat(store.keysWithTtl()).isZero();
        // Watchers see the old incarnation expire and the new one appear, in one revision.
        assertThat(((WatchResult.Events) store.events(2)).events()).extracting(KvEvent::kind, KvEvent::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(KvEvent.Kind.EXPIRE, "lock"),
                        org.assertj.core.groups.Tuple.tuple(KvEvent.Kind.PUT, "lock"));
    }

    @Test
    void cas_against_an_expired_key_sees_it_absent() {
        store.apply(put("a", "v", 100), 1_000);
        assertThat(store.apply(new KvCommand.CompareAndSet("a", 1, b("x"), Optional.empty()), 1_100))
                .isEqualTo(new KvResult.CasFailed(1, Optional.empty()));
        assertThat(store.apply(new KvCommand.CompareAndSet("a", 0, b("x"), Optional.empty()), 1_100))
                .isInstanceOf(KvResult.Put.class);
    }

    @Test
    void delete_of_an_expired_key_deletes_nothing() {
        store.apply(put("a", "v", 100), 1_000);
        assertThat(store.apply(new KvCommand.Delete("a"), 2_000)).isEqualTo(new KvResult.Delete(1, 0));
    }

    @Test
    void expire_command_removes_due_keys_in_one_revision_with_events() {
        store.apply(put("a", "v", 100), 1_000);
        store.apply(put("b", "v", 300), 1_000);
        store.apply(put("c", "v"), 1_000);

        assertThat(store.apply(new KvCommand.Expire(), 1_099)).isEqualTo(new KvResult.Expired(3, 0));
        assertThat(store.apply(new KvCommand.Expire(), 1_100)).isEqualTo(new KvResult.Expired(4, 1));
        assertThat(store.storedKeyCount()).isEqualTo(2);
        assertThat(store.apply(new KvCommand.Expire(), 5_000)).isEqualTo(new KvResult.Expired(5, 1));
        assertThat(store.storedKeyCount()).isEqualTo(1);

        WatchResult.Events events = (WatchResult.Events) store.events(4);
        assertThat(events.events()).extracting(KvEvent::revision, KvEvent::kind, KvEvent::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, KvEvent.Kind.EXPIRE, "a"),
                        org.assertj.core.groups.Tuple.tuple(5L, KvEvent.Kind.EXPIRE, "b"));
    }

    @Test
    void put_without_ttl_removes_an_earlier_expiry() {
        store.apply(put("a", "v", 100), 1_000);
        store.apply(put("a", "w"), 1_050);
        assertThat(store.get("a", 10_000)).isPresent();
        assertThat(store.apply(new KvCommand.Expire(), 10_000)).isEqualTo(new KvResult.Expired(2, 0));
    }

    @Test
    void refreshing_a_ttl_moves_the_expiry() {
        store.apply(put("a", "v", 100), 1_000);
        store.apply(put("a", "v", 100), 1_080);
        assertThat(store.get("a", 1_150)).isPresent();
        assertThat(store.apply(new KvCommand.Expire(), 1_150)).isEqualTo(new KvResult.Expired(2, 0));
        assertThat(store.apply(new KvCommand.Expire(), 1_180)).isEqualTo(new KvResult.Expired(3, 1));
    }

    @Test
    void far_future_expiry_saturates_instead_of_overflowing() {
        KvStore lenient = new KvStore(KvLimits.DEFAULT.withMaxTtl(java.time.Duration.ofMillis(Long.MAX_VALUE)));
        lenient.apply(put("a", "v", Long.MAX_VALUE - 10), 1_000);
        assertThat(lenient.get("a", Long.MAX_VALUE - 1)).isPresent();
    }
}
