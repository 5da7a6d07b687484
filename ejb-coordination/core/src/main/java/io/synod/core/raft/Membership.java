package io.synod.core.raft;

import io.synod.core.consensus.ConfState;

import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration as the log says it is (§4.1): the configuration carried by the latest CONF_CHANGE entry
 * in the log, or the snapshot's if there is none after it. A change counts from the moment it is appended,
 * and a change removed by log truncation is undone, so this follows every change of the log's tail.
 */
final class Membership {

    private ConfState base;
    /** Index of each CONF_CHANGE entry in the log past the snapshot, with the configuration it results in. */
    private final TreeMap<Long, ConfState> changes = new TreeMap<>();

    Membership(ConfState base) {
        this.base = base;
    }

    ConfState current() {
        return changes.isEmpty() ? base : changes.lastEntry().getValue();
    }

    /** A snapshot replaces the log: its configuration becomes the base, later changes come from new entries. */
    void reset(ConfState snapshotConf) {
        base = snapshotConf;
        changes.clear();
    }

    /** The log lost every entry from {@code index} on; returns whether the configuration changed. */
    boolean truncateFrom(long index) {
        Map<Long, ConfState> dropped = changes.tailMap(index, true);
        if (dropped.isEmpty()) {
            return false;
        }
        ConfState before = current();
        dropped.clear();
        return !before.equals(current());
    }

    boolean record(long index, ConfState after) {
        ConfState before = current();
        changes.put(index, after);
        return !before.equals(current());
    }

    /** Index of the latest configuration change in the log, 0 if none since the snapshot. */
    long lastChangeIndex() {
        return changes.isEmpty() ? 0 : changes.lastKey();
    }
}
