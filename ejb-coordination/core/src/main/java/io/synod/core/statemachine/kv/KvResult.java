package io.synod.core.statemachine.kv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a key-value command produced. Failed comparisons and refused commands are ordinary results, not
 * exceptions: they are replicated outcomes that every member computes identically and the duplicate filter
 * replays. {@code revision} is always the store's revision after the command.
 */
public sealed interface KvResult {

    /** A successful write; {@code previous} is the live value it replaced, if any. */
    record Put(long revision, Optional<KeyValue> previous) implements KvResult {
        public Put {
            Objects.requireNonNull(previous, "previous");
        }
    }

    record Get(long revision, Optional<KeyValue> kv) implements KvResult {
        public Get {
            Objects.requireNonNull(kv, "kv");
        }
    }

    /** One page of a prefix scan; {@code more} says live keys remain after the last one returned. */
    record Scan(long revision, List<KeyValue> kvs, boolean more) implements KvResult {
        public Scan {
            kvs = List.copyOf(kvs);
        }
    }

    /** {@code deleted} keys removed; when 0 nothing changed and {@code revision} is the unchanged current one. */
    record Delete(long revision, int deleted) implements KvResult {
    }

    /** A compare-and-* or put-if-absent whose condition did not hold; {@code current} is what was found. */
    record CasFailed(long revision, Optional<KeyValue> current) implements KvResult {
        public CasFailed {
            Objects.requireNonNull(current, "current");
        }
    }

    record Expired(long revision, int removed) implements KvResult {
    }

    /** Watch history now starts after {@code compactRevision}. */
    record Compacted(long revision, long compactRevision) implements KvResult {
    }

    /** The command broke a rule; nothing changed. */
    record Rejected(KvViolation violation, String message) implements KvResult {
        public Rejected {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(message, "message");
        }
    }
}
