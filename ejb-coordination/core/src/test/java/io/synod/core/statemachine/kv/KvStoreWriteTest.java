package io.synod.core.statemachine.kv;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.synod.core.statemachine.kv.Kv.b;
import static io.synod.core.statemachine.kv.Kv.put;
import static org.assertj.core.api.Assertions.assertThat;

class KvStoreWriteTest {

    private static final long T = 1_000;
    private final KvStore store = new KvStore(KvLimits.DEFAULT);

    @Test
    void put_creates_a_key_at_a_new_revision() {
        KvResult r = store.apply(put("a", "1"), T);

        assertThat(r).isEqualTo(new KvResult.Put(1, Optional.empty()));
        KeyValue kv = store.get("a", T).orElseThrow();
        assertThat(kv.value()).isEqualTo(b("1"));
        assertThat(kv.createRevision()).isEqualTo(1);
        assertThat(kv.modRevision()).isEqualTo(1);
        assertThat(kv.version()).isEqualTo(1);
        assertThat(kv.expiresAtMillis()).isEmpty();
    }

    @Test
    void overwrite_keeps_create_revision_bumps_version_and_returns_previous() {
        store.apply(put("a", "1"), T);
        store.apply(put("b", "x"), T);
        KvResult.Put r = (KvResult.Put) store.apply(put("a", "2"), T);

        assertThat(r.revision()).isEqualTo(3);
        assertThat(r.previous().orElseThrow().value()).isEqualTo(b("1"));
        KeyValue kv = store.get("a", T).orElseThrow();
        assertThat(kv.createRevision()).isEqualTo(1);
        assertThat(kv.modRevision()).isEqualTo(3);
        assertThat(kv.version()).isEqualTo(2);
    }

    @Test
    void revisions_increase_by_one_per_successful_write_only() {
        long last = 0;
        for (int i = 0; i < 50; i++) {
            KvResult r = store.apply(put("k" + (i % 7), "v" + i), T);
            long rev = ((KvResult.Put) r).revision();
            assertThat(rev).isEqualTo(last + 1);
            last = rev;
        }
        store.apply(new KvCommand.Get("k1"), T);
        store.apply(new KvCommand.Delete("missing"), T);
        store.apply(new KvCommand.PutIfAbsent("k1", b("no"), Optional.empty()), T);
        assertThat(store.revision()).isEqualTo(last);
    }

    @Test
    void put_if_absent_writes_once_then_fails_with_current() {
        KvResult first = store.apply(new KvCommand.PutIfAbsent("lock", b("me"), Optional.empty()), T);
        KvResult second = store.apply(new KvCommand.PutIfAbsent("lock", b("you"), Optional.empty()), T);

        assertThat(first).isEqualTo(new KvResult.Put(1, Optional.empty()));
        assertThat(second).isInstanceOf(KvResult.CasFailed.class);
        KvResult.CasFailed failed = (KvResult.CasFailed) second;
        assertThat(failed.revision()).isEqualTo(1);
        assertThat(failed.current().orElseThrow().value()).isEqualTo(b("me"));
        assertThat(store.get("lock", T).orElseThrow().value()).isEqualTo(b("me"));
    }

    @Test
    void compare_and_set_on_mod_revision() {
        store.apply(put("a", "1"), T);
        KvResult ok = store.apply(new KvCommand.CompareAndSet("a", 1, b("2"), Optional.empty()), T);
        KvResult stale = store.apply(new KvCommand.CompareAndSet("a", 1, b("3"), Optional.empty()), T);

        assertThat(ok).isInstanceOf(KvResult.Put.class);
        assertThat(((KvResult.Put) ok).revision()).isEqualTo(2);
        assertThat(stale).isInstanceOf(KvResult.CasFailed.class);
        KvResult.CasFailed failed = (KvResult.CasFailed) stale;
        assertThat(failed.revision()).isEqualTo(2);
        assertThat(failed.current().orElseThrow().modRevision()).isEqualTo(2);
        assertThat(store.get("a", T).orElseThrow().value()).isEqualTo(b("2"));
    }

    @Test
    void compare_and_set_with_zero_means_create_only() {
        assertThat(store.apply(new KvCommand.CompareAndSet("a", 0, b("1"), Optional.empty()), T))
                .isInstanceOf(KvResult.Put.class);
        assertThat(store.apply(new KvCommand.CompareAndSet("a", 0, b("2"), Optional.empty()), T))
                .isInstanceOf(KvResult.CasFailed.class);
    }

    @Test
    void compare_and_set_on_missing_key_with_nonzero_revision_fails_with_empty_current() {
        KvResult r = store.apply(new KvCommand.CompareAndSet("nope", 5, b("1"), Optional.empty()), T);
        assertThat(r).isEqualTo(new KvResult.CasFailed(0, Optional.empty()));
    }

    @Test
    void compare_value_and_set() {
        store.apply(put("a", "old"), T);
        assertThat(store.apply(new KvCommand.CompareValueAndSet("a", b("wrong"), b("new"), Optional.empty()), T))
                .isInstanceOf(KvResult.CasFailed.class);
        assertThat(store.apply(new KvCommand.CompareValueAndSet("a", b("old"), b("new"), Optional.empty()), T))
                .isInstanceOf(KvResult.Put.class);
        assertThat(store.get("a", T).orElseThrow().value()).isEqualTo(b("new"));
        assertThat(store.apply(new KvCommand.CompareValueAndSet("absent", b(""), b("x"), Optional.empty()), T))
                .isInstanceOf(KvResult.CasFailed.class);
    }

    @Test
    void delete_returns_count_and_revision() {
        store.apply(put("a", "1"), T);
        assertThat(store.apply(new KvCommand.Delete("a"), T)).isEqualTo(new KvResult.Delete(2, 1));
        assertThat(store.get("a", T)).isEmpty();
        assertThat(store.apply(new KvCommand.Delete("a"), T)).isEqualTo(new KvResult.Delete(2, 0));
    }

    @Test
    void recreated_key_starts_a_new_incarnation() {
        store.apply(put("a", "1"), T);
        store.apply(put("a", "2"), T);
        store.apply(new KvCommand.Delete("a"), T);
        store.apply(put("a", "3"), T);
        KeyValue kv = store.get("a", T).orElseThrow();
        assertThat(kv.createRevision()).isEqualTo(4);
        assertThat(kv.version()).isEqualTo(1);
    }

    @Test
    void compare_and_delete_only_removes_the_expected_incarnation() {
        store.apply(put("lock", "me"), T);
        assertThat(store.apply(new KvCommand.CompareAndDelete("lock", 7), T)).isInstanceOf(KvResult.CasFailed.class);
        assertThat(store.apply(new KvCommand.CompareAndDelete("lock", 1), T)).isEqualTo(new KvResult.Delete(2, 1));
        assertThat(store.apply(new KvCommand.CompareAndDelete("lock", 1), T))
                .isEqualTo(new KvResult.CasFailed(2, Optional.empty()));
    }

    @Test
    void delete_prefix_removes_all_matching_in_one_revision() {
        store.apply(put("app/a", "1"), T);
        store.apply(put("app/b", "2"), T);
        store.apply(put("apple", "3"), T);
        store.apply(put("other", "4"), T);

        assertThat(store.apply(new KvCommand.DeletePrefix("app/"), T)).isEqualTo(new KvResult.Delete(5, 2));
        assertThat(store.get("apple", T)).isPresent();
        assertThat(store.get("other", T)).isPresent();
        assertThat(store.storedKeyCount()).isEqualTo(2);
        assertThat(store.apply(new KvCommand.DeletePrefix("zzz"), T)).isEqualTo(new KvResult.Delete(5, 0));
    }

    @Test
    void get_through_the_log_reports_current_revision() {
        store.apply(put("a", "1"), T);
        KvResult.Get r = (KvResult.Get) store.apply(new KvCommand.Get("a"), T);
        assertThat(r.revision()).isEqualTo(1);
        assertThat(r.kv().orElseThrow().value()).isEqualTo(b("1"));
        assertThat(store.apply(new KvCommand.Get("b"), T)).isEqualTo(new KvResult.Get(1, Optional.empty()));
    }

    @Test
    void empty_value_is_a_value() {
        store.apply(put("a", ""), T);
        assertThat(store.get("a", T).orElseThrow().value()).isEmpty();
    }
}
