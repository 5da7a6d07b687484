package io.synod.core.sim;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;

import java.util.Arrays;

/**
 * A node's stable log summarised as a hash chain: {@code chain(i) = H(chain(i-1), entry i)}. Two nodes
 * with equal chain values at an index hold identical prefixes up to it; this turns the log matching
 * property into one map lookup per appended entry.
 */
final class LogChain {

    private long base;        // index whose chain value is chain[0] (the snapshot index)
    private long[] chain = new long[64];
    private int size;         // chain[0 .. size) valid: indices base .. base+size-1

    LogChain(long base, long baseHash) {
        reset(base, baseHash);
    }

    void reset(long index, long hash) {
        base = index;
        chain[0] = hash;
        size = 1;
    }

    long last() {
        return base + size - 1;
    }

    long base() {
        return base;
    }

    /** Chain value at {@code index}, which must lie in {@code [base, last]}. */
    long at(long index) {
        return chain[(int) (index - base)];
    }

    /** Appends {@code e} after dropping anything at or after its index; returns its chain value. */
    long append(LogEntry e) {
        if (e.index() <= base || e.index() > last() + 1) {
            throw new IllegalStateException("entry " + e.index() + " does not follow chain [" + base + ", " + last() + "]");
        }
        size = (int) (e.index() - base);
        if (size == chain.length) {
            chain = Arrays.copyOf(chain, size * 2);
        }
        chain[size] = Fingerprint.mix(chain[size - 1], Fingerprint.of(e));
        size++;
        return chain[size - 1];
    }

    /** The chain over what {@code storage} holds, with {@code baseHash} standing for its snapshot. */
    static LogChain of(LogStorage storage, long baseHash) {
        long snap = storage.firstIndex() - 1;
        LogChain c = new LogChain(snap, baseHash);
        if (storage.lastIndex() > snap) {
            for (LogEntry e : storage.entries(snap + 1, storage.lastIndex() + 1, Long.MAX_VALUE)) {
                c.append(e);
            }
        }
        return c;
    }
}
