package io.synod.core.sim;

import io.synod.core.consensus.LogEntry;

import java.util.Arrays;

/**
 * 64-bit digests that are the same in every JVM (unlike {@code hashCode} of records holding enums, whose
 * identity hash varies run to run). Used for the trace hash and for comparing entries across nodes.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static long mix(long h, long x) {
        h ^= x + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }

    public static long of(byte[] data) {
        return mix(data.length, Arrays.hashCode(data));
    }

    public static long of(String s) {
        return mix(s.length(), s.hashCode());
    }

    public static long of(LogEntry e) {
        return mix(mix(mix(e.index(), e.term()), e.type().ordinal()), of(e.data()));
    }
}
