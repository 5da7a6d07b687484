package io.synod.core.raft;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;

import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration as the log says it is (§4.1): the snapshot's configuration with every CONF_CHANGE entry
 * present in the log applied on top, in index order. A change counts from the moment it is appended, and a
 * change removed by log truncation is undone, so this is recomputed whenever the log's tail changes.
 */
final class Membership {

    private ConfState base;
    private final TreeMap<Long, ConfChange> changes = new TreeMap<>();
    private ConfState current;

    Membership(ConfState base) {
        this.base = base;
        this.current = base;
    }

    ConfState current() {
        return current;
    }

    /** A snapshot replaces the log: its configuration becomes the base, later changes come from new entries. */
    void reset(ConfState snapshotConf) {
        base = snapshotConf;
        changes.clear();
        current = base;
    }

    /** The log lost every entry from {@code index} on; returns whether the configuration changed. */
    boolean truncateFrom(long index) {
        Map<Long, ConfChange> dropped = changes.tailMap(index, true);
        if (dropped.isEmpty()) {
            return false;
        }
        dropped.clear();
        return recompute();
    }

    boolean record(long index, ConfChange change) {
        changes.put(index, change);
        return recompute();
    }

    /** Index of the latest configuration change in the log, 0 if none since the snapshot. */
    long lastChangeIndex() {
        return changes.isEmpty() ? 0 : changes.lastKey();
    }

    private boolean recompute() {
        ConfState conf = base;
        for (ConfChange change : changes.values()) {
            try {
                conf = change.applyTo(conf);
            } catch (IllegalArgumentException invalid) {
                // The leader validated it against its own configuration; an entry that no longer applies
                // (it can only come from a deposed leader's log tail) changes nothing.
            }
        }
        boolean changed = !conf.equals(current);
        current = conf;
        return changed;
    }
}
