package io.synod.core.statemachine.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The replicated key-value store, with etcd v3's revision model: one global revision, incremented by every
 * command that changes something, and per key its create revision, mod revision and version.
 *
 * <p>Time is always passed in: on apply it is the entry's leader-stamped time, so a key with a TTL expires at the
 * same point of the log on every replica. An expired key is invisible at once (reads and writes treat it as
 * absent) but is only <em>removed</em> — with an EXPIRE event and a revision — by the {@link KvCommand.Expire}
 * command the leader proposes periodically, or when a write re-creates it (EXPIRE then PUT, one revision).
 *
 * <p>Reads take the time to judge expiry by: the group clock ({@code StateMachineRegistry#clockMillis()}) gives
 * every replica the same answer; a caller's own clock additionally hides keys whose expiry has passed but whose
 * expire command has not been applied yet.
 *
 * <p>Deterministic by construction: sorted maps only, no clock, no randomness. Not thread-safe.
 */
public final class KvStore implements KvView {

    private final KvValidator validator;
    private final TreeMap<String, KeyValue> data = new TreeMap<>();
    private final ExpiryIndex expiries = new ExpiryIndex();
    private final WatchHistory history;
    private long revision;

    public KvStore(KvLimits limits) {
        this.validator = new KvValidator(limits);
        this.history = new WatchHistory(limits.historyMaxEvents(), limits.historyMaxBytes());
    }

    public KvLimits limits() {
        return validator.limits();
    }

    /**
     * Apply one command at leader time {@code nowMillis}. Never throws for a bad command: a rule violation is a
     * {@link KvResult.Rejected} and leaves the state unchanged.
     */
    public KvResult apply(KvCommand command, long nowMillis) {
        Objects.requireNonNull(command, "command");
        try {
            validator.validate(command);
        } catch (KvValidationException e) {
            return new KvResult.Rejected(e.violation(), e.getMessage());
        }
        if (command instanceof KvCommand.Put c) {
            return write(c.key(), c.value(), c.ttl(), live(c.key(), nowMillis), nowMillis);
        }
        if (command instanceof KvCommand.PutIfAbsent c) {
            Optional<KeyValue> current = live(c.key(), nowMillis);
            return current.isPresent() ? new KvResult.CasFailed(revision, current)
                    : write(c.key(), c.value(), c.ttl(), current, nowMillis);
        }
        if (command instanceof KvCommand.CompareAndSet c) {
            Optional<KeyValue> current = live(c.key(), nowMillis);
            long modRevision = current.map(KeyValue::modRevision).orElse(0L);
            return modRevision != c.expectedModRevision() ? new KvResult.CasFailed(revision, current)
                    : write(c.key(), c.value(), c.ttl(), current, nowMillis);
        }
        if (command instanceof KvCommand.CompareValueAndSet c) {
            Optional<KeyValue> current = live(c.key(), nowMillis);
            boolean matches = current.isPresent() && Arrays.equals(current.get().value(), c.expectedValue());
            return !matches ? new KvResult.CasFailed(revision, current)
                    : write(c.key(), c.value(), c.ttl(), current, nowMillis);
        }
        if (command instanceof KvCommand.Delete c) {
            return delete(live(c.key(), nowMillis).stream().toList());
        }
        if (command instanceof KvCommand.CompareAndDelete c) {
            Optional<KeyValue> current = live(c.key(), nowMillis);
            boolean matches = current.isPresent() && current.get().modRevision() == c.expectedModRevision();
            return matches ? delete(List.of(current.get())) : new KvResult.CasFailed(revision, current);
        }
        if (command instanceof KvCommand.DeletePrefix c) {
            return delete(livePrefix(c.prefix(), nowMillis));
        }
        if (command instanceof KvCommand.Get c) {
            return new KvResult.Get(revision, live(c.key(), nowMillis));
        }
        if (command instanceof KvCommand.Scan c) {
            return scanValidated(c.prefix(), c.startAfter(), c.limit(), nowMillis);
        }
        if (command instanceof KvCommand.Expire) {
            return expire(nowMillis);
        }
        KvCommand.Compact c = (KvCommand.Compact) command;
        if (c.revision() > revision) {
            return new KvResult.Rejected(KvViolation.INVALID_REVISION,
                    "cannot compact to " + c.revision() + ", beyond the current revision " + revision);
        }
        history.compact(c.revision());
        return new KvResult.Compacted(revision, history.compactRevision());
    }

    // ---- reads (served locally after ReadIndex, or stale for LOCAL reads) ----

    @Override
    public long revision() {
        return revision;
    }

    /** @throws InvalidKeyException for a key that could never have been written */
    @Override
    public Optional<KeyValue> get(String key, long nowMillis) {
        validator.checkKey(key);
        return live(key, nowMillis);
    }

    /** @throws InvalidScanException for an out-of-bounds prefix, start key or limit */
    @Override
    public KvResult.Scan scan(String prefix, Optional<String> startAfter, int limit, long nowMillis) {
        validator.checkScan(prefix, startAfter, limit);
        return scanValidated(prefix, startAfter, limit, nowMillis);
    }

    /** Every change with revision >= {@code fromRevision}, or {@link WatchResult.Compacted} if some are gone. */
    @Override
    public WatchResult events(long fromRevision) {
        return events(fromRevision, Integer.MAX_VALUE);
    }

    /** Like {@link #events(long)}, one page of about {@code maxEvents} (whole revisions) at a time. */
    @Override
    public WatchResult events(long fromRevision, int maxEvents) {
        return history.since(Math.max(1, fromRevision), revision, maxEvents);
    }

    @Override
    public long compactRevision() {
        return history.compactRevision();
    }

    /** Keys held, including expired ones not yet removed by an expire command. */
    public int storedKeyCount() {
        return data.size();
    }

    /** Keys with a TTL, live or expired-but-not-removed. */
    public int keysWithTtl() {
        return expiries.size();
    }

    // ---- snapshot image ----

    KvImage image() {
        return new KvImage(revision, history.compactRevision(), new ArrayList<>(data.values()), history.events());
    }

    void load(KvImage image) {
        data.clear();
        expiries.clear();
        for (KeyValue kv : image.kvs()) {
            data.put(kv.key(), kv);
            expiries.track(kv);
        }
        history.reset(image.compactRevision(), image.events());
        revision = image.revision();
    }

    // ---- internals ----

    private Optional<KeyValue> live(String key, long nowMillis) {
        KeyValue kv = data.get(key);
        return kv == null || kv.isExpiredAt(nowMillis) ? Optional.empty() : Optional.of(kv);
    }

    private List<KeyValue> livePrefix(String prefix, long nowMillis) {
        List<KeyValue> out = new ArrayList<>();
        for (KeyValue kv : data.tailMap(prefix, true).values()) {
            if (!kv.key().startsWith(prefix)) {
                break;
            }
            if (!kv.isExpiredAt(nowMillis)) {
                out.add(kv);
            }
        }
        return out;
    }

    private KvResult.Put write(String key, byte[] value, Optional<Ttl> ttl, Optional<KeyValue> live,
                               long nowMillis) {
        long rev = ++revision;
        OptionalLong expiry = ttl.map(t -> OptionalLong.of(saturatedAdd(nowMillis, t.millis())))
                .orElse(OptionalLong.empty());
        // An expired key being written is a new incarnation: version restarts, as after a delete.
        KeyValue kv = live
                .map(p -> new KeyValue(key, value, p.createRevision(), rev, p.version() + 1, expiry))
                .orElseGet(() -> new KeyValue(key, value, rev, rev, 1, expiry));
        KeyValue old = data.put(key, kv);
        List<KvEvent> events = new ArrayList<>(2);
        if (old != null) {
            expiries.untrack(old);
            if (live.isEmpty()) {
                // The old incarnation expired but was not yet removed: watchers see it go before the new one.
                events.add(KvEvent.removed(rev, KvEvent.Kind.EXPIRE, key));
            }
        }
        expiries.track(kv);
        events.add(KvEvent.put(kv));
        history.append(events);
        return new KvResult.Put(rev, live);
    }

    private KvResult.Delete delete(List<KeyValue> victims) {
        if (victims.isEmpty()) {
            return new KvResult.Delete(revision, 0);
        }
        long rev = ++revision;
        history.append(remove(victims.stream().map(KeyValue::key).toList(), rev, KvEvent.Kind.DELETE));
        return new KvResult.Delete(rev, victims.size());
    }

    private KvResult.Expired expire(long nowMillis) {
        List<String> due = expiries.dueAt(nowMillis);
        if (due.isEmpty()) {
            return new KvResult.Expired(revision, 0);
        }
        long rev = ++revision;
        history.append(remove(due, rev, KvEvent.Kind.EXPIRE));
        return new KvResult.Expired(rev, due.size());
    }

    private List<KvEvent> remove(List<String> keys, long rev, KvEvent.Kind kind) {
        List<KvEvent> events = new ArrayList<>(keys.size());
        for (String key : keys) {
            KeyValue old = data.remove(key);
            expiries.untrack(old);
            events.add(KvEvent.removed(rev, kind, key));
        }
        return events;
    }

    private KvResult.Scan scanValidated(String prefix, Optional<String> startAfter, int limit, long nowMillis) {
        Map<String, KeyValue> tail = startAfter.filter(s -> s.compareTo(prefix) >= 0)
                .map(s -> data.tailMap(s, false))
                .orElseGet(() -> data.tailMap(prefix, true));
        List<KeyValue> page = new ArrayList<>(Math.min(limit, 64));
        long pageBytes = 0;
        boolean more = false;
        for (KeyValue kv : tail.values()) {
            if (!kv.key().startsWith(prefix)) {
                break;
            }
            if (kv.isExpiredAt(nowMillis)) {
                continue;
            }
            long kvBytes = (long) kv.key().length() + kv.value().length;
            // The byte budget never empties a page: the first key always fits, so paging always progresses.
            if (page.size() == limit || (!page.isEmpty() && pageBytes + kvBytes > limits().maxScanBytes())) {
                more = true;
                break;
            }
            page.add(kv);
            pageBytes += kvBytes;
        }
        return new KvResult.Scan(revision, page, more);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
