package io.synod.core.statemachine.kv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.synod.core.statemachine.kv.Kv.put;
import static io.synod.core.statemachine.kv.Kv.scan;
import static io.synod.core.statemachine.kv.Kv.scanAfter;
import static org.assertj.core.api.Assertions.assertThat;

class KvStoreScanTest {

    private static final long T = 5_000;
    private final KvStore store = new KvStore(KvLimits.DEFAULT);

    private List<String> keys(KvResult r) {
        return ((KvResult.Scan) r).kvs().stream().map(KeyValue::key).toList();
    }

    @Test
    void scan_is_sorted_by_key_and_bounded_by_prefix() {
        for (String k : new String[] {"b/2", "a", "b/10", "b/1", "c", "b"}) {
            store.apply(put(k, k), T);
        }
        assertThat(keys(store.apply(scan("b/", 100), T))).containsExactly("b/1", "b/10", "b/2");
        assertThat(keys(store.apply(scan("", 100), T))).containsExactly("a", "b", "b/1", "b/10", "b/2", "c");
        assertThat(((KvResult.Scan) store.apply(scan("b/", 100), T)).more()).isFalse();
    }

    @Test
    void limit_sets_more_flag() {
        for (int i = 0; i < 5; i++) {
            store.apply(put("k" + i, "v"), T);
        }
        KvResult.Scan page = (KvResult.Scan) store.apply(scan("k", 3), T);
        assertThat(keys(page)).containsExactly("k0", "k1", "k2");
        assertThat(page.more()).isTrue();
        assertThat(page.revision()).isEqualTo(5);

        KvResult.Scan exact = (KvResult.Scan) store.apply(scan("k", 5), T);
        assertThat(exact.kvs()).hasSize(5);
        assertThat(exact.more()).isFalse();
    }

    @Test
    void paging_with_start_after_visits_every_key_once() {
        for (int i = 0; i < 23; i++) {
            store.apply(put(String.format("p/%03d", i), "v"), T);
        }
        store.apply(put("q", "outside"), T);

        List<String> seen = new ArrayList<>();
        KvResult.Scan page = store.scan("p/", Optional.empty(), 5, T);
        int pages = 1;
        seen.addAll(keys(page));
        while (page.more()) {
            page = store.scan("p/", Optional.of(seen.get(seen.size() - 1)), 5, T);
            seen.addAll(keys(page));
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates().isSorted().allMatch(k -> k.startsWith("p/"));
    }

    @Test
    void start_after_before_the_prefix_starts_at_the_prefix() {
        store.apply(put("a", "1"), T);
        store.apply(put("m/1", "1"), T);
        assertThat(keys(store.apply(scanAfter("m/", "a", 10), T))).containsExactly("m/1");
    }

    @Test
    void scan_skips_expired_keys_without_counting_them_against_the_limit() {
        store.apply(put("k1", "v", 10), T);
        store.apply(put("k2", "v"), T);
        store.apply(put("k3", "v", 10), T);
        store.apply(put("k4", "v"), T);
        KvResult.Scan page = store.scan("k", Optional.empty(), 2, T + 10);
        assertThat(keys(page)).containsExactly("k2", "k4");
        assertThat(page.more()).isFalse();
    }

    @Test
    void scan_of_empty_store_is_empty() {
        assertThat(store.apply(scan("", 10), T)).isEqualTo(new KvResult.Scan(0, List.of(), false));
    }

    @Test
    void a_page_ends_early_at_the_byte_budget_but_never_empty() {
        KvStore small = new KvStore(KvLimits.DEFAULT.withMaxScanBytes(250));
        for (int i = 0; i < 5; i++) {
            small.apply(new KvCommand.Put("k" + i, new byte[100], Optional.empty()), T);
        }
        KvResult.Scan page = small.scan("k", Optional.empty(), 10, T);
        assertThat(keys(page)).containsExactly("k0", "k1");
        assertThat(page.more()).isTrue();

        KvStore tiny = new KvStore(KvLimits.DEFAULT.withMaxScanBytes(1));
        tiny.apply(new KvCommand.Put("a", new byte[100], Optional.empty()), T);
        tiny.apply(new KvCommand.Put("b", new byte[100], Optional.empty()), T);
        KvResult.Scan first = tiny.scan("", Optional.empty(), 10, T);
        assertThat(keys(first)).containsExactly("a");
        assertThat(first.more()).isTrue();
    }
}
