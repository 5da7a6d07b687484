package io.synod.core.statemachine.kv;

import org.junit.jupiter.api.Test;

import static io.synod.core.statemachine.kv.Kv.b;
import static io.synod.core.statemachine.kv.Kv.put;
import static org.assertj.core.api.Assertions.assertThat;

class KvWatchTest {

    private static final long T = 1_000;

    @Test
    void events_from_a_revision_in_order() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        store.apply(put("a", "1"), T);
        store.apply(put("b", "2"), T);
        store.apply(new KvCommand.Delete("a"), T);

        WatchResult.Events all = (WatchResult.Events) store.events(1);
        assertThat(all.revision()).isEqualTo(3);
        assertThat(all.events()).extracting(KvEvent::revision).containsExactly(1L, 2L, 3L);
        assertThat(all.events()).extracting(KvEvent::kind)
                .containsExactly(KvEvent.Kind.PUT, KvEvent.Kind.PUT, KvEvent.Kind.DELETE);
        assertThat(all.events().get(1).kv().orElseThrow().value()).isEqualTo(b("2"));

        assertThat(((WatchResult.Events) store.events(3)).events()).extracting(KvEvent::key).containsExactly("a");
        assertThat(((WatchResult.Events) store.events(4)).events()).isEmpty();
    }

    @Test
    void events_are_not_produced_by_failed_or_read_commands() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        store.apply(put("a", "1"), T);
        store.apply(new KvCommand.CompareAndSet("a", 99, b("x"), java.util.Optional.empty()), T);
        store.apply(new KvCommand.Get("a"), T);
        store.apply(new KvCommand.Delete("zzz"), T);
        assertThat(((WatchResult.Events) store.events(1)).events()).hasSize(1);
    }

    @Test
    void delete_prefix_events_share_one_revision() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        store.apply(put("d/1", "1"), T);
        store.apply(put("d/2", "2"), T);
        store.apply(new KvCommand.DeletePrefix("d/"), T);
        assertThat(((WatchResult.Events) store.events(3)).events())
                .extracting(KvEvent::revision, KvEvent::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "d/1"),
                        org.assertj.core.groups.Tuple.tuple(3L, "d/2"));
    }

    @Test
    void compaction_makes_older_revisions_a_typed_error() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        for (int i = 0; i < 5; i++) {
            store.apply(put("k", "v" + i), T);
        }
        assertThat(store.apply(new KvCommand.Compact(3), T)).isEqualTo(new KvResult.Compacted(5, 3));

        assertThat(store.events(3)).isEqualTo(new WatchResult.Compacted(3, 5));
        assertThat(store.events(1)).isEqualTo(new WatchResult.Compacted(3, 5));
        assertThat(((WatchResult.Events) store.events(4)).events()).extracting(KvEvent::revision)
                .containsExactly(4L, 5L);
        // Compacting backwards changes nothing.
        assertThat(store.apply(new KvCommand.Compact(2), T)).isEqualTo(new KvResult.Compacted(5, 3));
    }

    @Test
    void compacting_beyond_the_current_revision_is_rejected() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        store.apply(put("k", "v"), T);
        KvResult r = store.apply(new KvCommand.Compact(2), T);
        assertThat(r).isInstanceOf(KvResult.Rejected.class);
        assertThat(((KvResult.Rejected) r).violation()).isEqualTo(KvViolation.INVALID_REVISION);
        assertThat(store.compactRevision()).isZero();
    }

    @Test
    void history_is_bounded_by_event_count_dropping_whole_revisions() {
        KvStore store = new KvStore(KvLimits.DEFAULT.withHistory(4, Long.MAX_VALUE));
        store.apply(put("a/1", "v"), T);
        store.apply(put("a/2", "v"), T);
        store.apply(new KvCommand.DeletePrefix("a/"), T); // rev 3: two events
        store.apply(put("b", "v"), T);                      // rev 4 -> 5 events, drop rev 1
        store.apply(put("c", "v"), T);                      // rev 5 -> 5 events, drop rev 2

        assertThat(store.compactRevision()).isEqualTo(2);
        assertThat(store.events(2)).isInstanceOf(WatchResult.Compacted.class);
        assertThat(((WatchResult.Events) store.events(3)).events()).extracting(KvEvent::revision)
                .containsExactly(3L, 3L, 4L, 5L);
    }

    @Test
    void history_is_bounded_by_bytes_but_keeps_the_newest_revision() {
        KvStore store = new KvStore(KvLimits.DEFAULT.withHistory(1000, 200));
        store.apply(new KvCommand.Put("a", new byte[150], java.util.Optional.empty()), T);
        store.apply(new KvCommand.Put("b", new byte[150], java.util.Optional.empty()), T);
        store.apply(new KvCommand.Put("c", new byte[500], java.util.Optional.empty()), T);

        assertThat(store.compactRevision()).isEqualTo(2);
        assertThat(((WatchResult.Events) store.events(3)).events()).hasSize(1);
    }

    @Test
    void events_page_by_size_without_splitting_a_revision() {
        KvStore store = new KvStore(KvLimits.DEFAULT);
        store.apply(put("a", "1"), T);
        store.apply(put("d/1", "1"), T);
        store.apply(put("d/2", "2"), T);
        store.apply(new KvCommand.DeletePrefix("d/"), T); // rev 4: two events
        store.apply(put("z", "1"), T);

        WatchResult.Events first = (WatchResult.Events) store.events(1, 2);
        assertThat(first.events()).extracting(KvEvent::revision).containsExactly(1L, 2L);
        assertThat(first.more()).isTrue();
        WatchResult.Events second = (WatchResult.Events) store.events(3, 2);
        assertThat(second.events()).extracting(KvEvent::revision).containsExactly(3L, 4L, 4L);
        assertThat(second.more()).isTrue();
        WatchResult.Events last = (WatchResult.Events) store.events(5, 2);
        assertThat(last.events()).extracting(KvEvent::revision).containsExactly(5L);
        assertThat(last.more()).isFalse();
    }
}
