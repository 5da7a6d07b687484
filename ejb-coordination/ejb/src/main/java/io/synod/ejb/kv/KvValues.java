package io.synod.ejb.kv;

import io.synod.api.CasResult;
import io.synod.api.KeyValue;
import io.synod.api.ScanPage;
import io.synod.core.statemachine.kv.KvResult;

import java.time.Instant;
import java.util.Optional;

/** Maps the core's key-value results onto the API's values; an unexpected result kind is a bug, said loudly. */
final class KvValues {

    private KvValues() {
    }

    static KeyValue toApi(io.synod.core.statemachine.kv.KeyValue kv) {
        Optional<Instant> expiresAt = kv.expiresAtMillis().isPresent()
                ? Optional.of(Instant.ofEpochMilli(kv.expiresAtMillis().getAsLong()))
                : Optional.empty();
        return new KeyValue(kv.key(), kv.value(), kv.createRevision(), kv.modRevision(), kv.version(), expiresAt);
    }

    static Optional<KeyValue> toApi(Optional<io.synod.core.statemachine.kv.KeyValue> kv) {
        return kv.map(KvValues::toApi);
    }

    /** A plain put: the write's revision. */
    static long revision(KvResult result) {
        if (result instanceof KvResult.Put put) {
            return put.revision();
        }
        throw unexpected(result, "Put");
    }

    /** A conditional write or delete: succeeded, or failed with what was found. */
    static CasResult cas(KvResult result) {
        if (result instanceof KvResult.Put put) {
            return new CasResult(true, put.revision(), Optional.empty());
        }
        if (result instanceof KvResult.Delete delete) {
            return new CasResult(delete.deleted() > 0, delete.revision(), Optional.empty());
        }
        if (result instanceof KvResult.CasFailed failed) {
            return new CasResult(false, failed.revision(), toApi(failed.current()));
        }
        throw unexpected(result, "Put, Delete or CasFailed");
    }

    static boolean deleted(KvResult result) {
        if (result instanceof KvResult.Delete delete) {
            return delete.deleted() > 0;
        }
        throw unexpected(result, "Delete");
    }

    static ScanPage page(KvResult result) {
        if (result instanceof KvResult.Scan scan) {
            return new ScanPage(scan.kvs().stream().map(KvValues::toApi).toList(), scan.more(), scan.revision());
        }
        throw unexpected(result, "Scan");
    }

    private static RuntimeException unexpected(KvResult result, String expected) {
        if (result instanceof KvResult.Rejected rejected) {
            // the replicated check refused what the local one let through: members configured with other limits
            return KvFailures.invalid(rejected.violation(), rejected.message());
        }
        return new IllegalStateException("expected a " + expected + " result, got " + result);
    }
}
