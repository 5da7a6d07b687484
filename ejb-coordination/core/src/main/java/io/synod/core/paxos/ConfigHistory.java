package io.synod.core.paxos;

import io.synod.core.consensus.ConfChangeCodec;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which configuration governs which slot. A configuration slot {@code s} (a CONF_CHANGE value) governs the
 * slots after it; slots up to {@code s} are decided by the configuration before it ("Paxos Made Moderately
 * Complex" §3, with α = 1 and a stop-the-world leader: nothing past an unchosen configuration slot is
 * proposed, see {@link Leader#sendLimit()}). Values here may still be open: the history follows the log.
 */
final class ConfigHistory {

    private long baseIndex;
    private ConfState base;
    private final TreeMap<Long, ConfState> changes = new TreeMap<>();

    ConfigHistory(long baseIndex, ConfState base) {
        this.baseIndex = baseIndex;
        this.base = base;
    }

    /** Track the value now in {@code e}'s slot (a configuration, or anything else replacing one). */
    void record(LogEntry e) {
        if (e.index() <= baseIndex) {
            return; // covered by the snapshot's configuration
        }
        if (e.type() == EntryType.CONF_CHANGE) {
            changes.put(e.index(), ConfChangeCodec.confStateAfter(e.data()));
        } else {
            changes.remove(e.index());
        }
    }

    /** A snapshot at {@code index} with configuration {@code conf} replaces everything up to it. */
    void reset(long index, ConfState conf) {
        baseIndex = index;
        base = conf;
        changes.headMap(index, true).clear();
    }

    /** The configuration that decides {@code slot}. */
    ConfState at(long slot) {
        Map.Entry<Long, ConfState> e = changes.lowerEntry(slot);
        return e == null ? base : e.getValue();
    }

    /** The first configuration slot after {@code slot}, if any. */
    OptionalLong nextChangeAfter(long slot) {
        Long k = changes.higherKey(slot);
        return k == null ? OptionalLong.empty() : OptionalLong.of(k);
    }

    long baseIndex() {
        return baseIndex;
    }
}
