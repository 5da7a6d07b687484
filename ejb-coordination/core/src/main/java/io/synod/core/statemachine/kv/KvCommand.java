package io.synod.core.statemachine.kv;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The key-value store's commands: what goes into the log. Records hold only structural checks (no nulls); the
 * configurable limits are {@link KvValidator}'s job, checked before proposal and again on apply. Byte arrays are
 * owned by the command.
 */
public sealed interface KvCommand {

    /** Write {@code value}, creating the key or replacing it; no TTL removes any earlier expiry. */
    record Put(String key, byte[] value, Optional<Ttl> ttl) implements KvCommand {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(ttl, "ttl");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && key.equals(p.key) && Arrays.equals(value, p.value) && ttl.equals(p.ttl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, ttl) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Put[" + key + ", " + value.length + "B, " + ttl + "]";
        }
    }

    /** Write only if the key is absent (or expired); otherwise {@link KvResult.CasFailed}. */
    record PutIfAbsent(String key, byte[] value, Optional<Ttl> ttl) implements KvCommand {
        public PutIfAbsent {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(ttl, "ttl");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PutIfAbsent p && key.equals(p.key) && Arrays.equals(value, p.value)
                    && ttl.equals(p.ttl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, ttl) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "PutIfAbsent[" + key + ", " + value.length + "B, " + ttl + "]";
        }
    }

    /** Write only if the key's mod revision equals {@code expectedModRevision}; 0 means "must be absent". */
    record CompareAndSet(String key, long expectedModRevision, byte[] value, Optional<Ttl> ttl)
            implements KvCommand {
        public CompareAndSet {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(ttl, "ttl");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CompareAndSet c && key.equals(c.key) && expectedModRevision == c.expectedModRevision
                    && Arrays.equals(value, c.value) && ttl.equals(c.ttl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, expectedModRevision, ttl) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "CompareAndSet[" + key + " @" + expectedModRevision + ", " + value.length + "B, " + ttl + "]";
        }
    }

    /** Write only if the key is present with exactly {@code expectedValue}. */
    record CompareValueAndSet(String key, byte[] expectedValue, byte[] value, Optional<Ttl> ttl)
            implements KvCommand {
        public CompareValueAndSet {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expectedValue, "expectedValue");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(ttl, "ttl");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CompareValueAndSet c && key.equals(c.key)
                    && Arrays.equals(expectedValue, c.expectedValue) && Arrays.equals(value, c.value)
                    && ttl.equals(c.ttl);
        }

        @Override
        public int hashCode() {
            return (Objects.hash(key, ttl) * 31 + Arrays.hashCode(expectedValue)) * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "CompareValueAndSet[" + key + ", " + expectedValue.length + "B -> " + value.length + "B, " + ttl
                    + "]";
        }
    }

    record Delete(String key) implements KvCommand {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Delete only if the key's mod revision equals {@code expectedModRevision} (releasing what one owns). */
    record CompareAndDelete(String key, long expectedModRevision) implements KvCommand {
        public CompareAndDelete {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Delete every live key starting with {@code prefix} (non-empty: wiping the store is not one call away). */
    record DeletePrefix(String prefix) implements KvCommand {
        public DeletePrefix {
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** A read through the log: linearizable without ReadIndex, at the price of a log entry. */
    record Get(String key) implements KvCommand {
        public Get {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Live keys starting with {@code prefix} (empty = all), in key order, strictly after {@code startAfter} when
     * given (the last key of the previous page), at most {@code limit}.
     */
    record Scan(String prefix, Optional<String> startAfter, int limit) implements KvCommand {
        public Scan {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(startAfter, "startAfter");
        }
    }

    /** Proposed periodically by the leader: remove every key whose expiry is at or before the entry's time. */
    record Expire() implements KvCommand {
    }

    /** Drop watch history up to and including {@code revision}. */
    record Compact(long revision) implements KvCommand {
    }
}
