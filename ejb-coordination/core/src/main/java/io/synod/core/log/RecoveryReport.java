package io.synod.core.log;

import java.util.List;
import java.util.Optional;

/**
 * What {@link DurableLogStorage#open} found and repaired. The core has no logging framework: the shell logs
 * this (a torn tail or a rejected snapshot deserves a WARN) and exports it as metrics.
 *
 * @param hardStateFound    whether a hard state file existed
 * @param snapshotIndex     index of the snapshot the log was rebuilt from (0: none)
 * @param snapshotsRejected newer snapshot files that failed their checks and were passed over, with why
 * @param segmentsRead      WAL segment files replayed
 * @param recordsReplayed   WAL records replayed
 * @param tornTail          the torn write cut off the end of the last segment, if any
 * @param tempFilesRemoved  leftovers of interrupted atomic writes, deleted
 * @param firstIndex        first index of the rebuilt log
 * @param lastIndex         last index of the rebuilt log
 */
public record RecoveryReport(boolean hardStateFound, long snapshotIndex, List<String> snapshotsRejected,
                             int segmentsRead, long recordsReplayed, Optional<TornTail> tornTail,
                             List<String> tempFilesRemoved, long firstIndex, long lastIndex) {

    public RecoveryReport {
        snapshotsRejected = List.copyOf(snapshotsRejected);
        tempFilesRemoved = List.copyOf(tempFilesRemoved);
    }

    /** Nothing had to be repaired or passed over. */
    public boolean clean() {
        return snapshotsRejected.isEmpty() && tornTail.isEmpty() && tempFilesRemoved.isEmpty();
    }

    /** One line for the server log. */
    public String summary() {
        StringBuilder s = new StringBuilder("recovered log ").append(firstIndex).append("..").append(lastIndex)
                .append(" from snapshot ").append(snapshotIndex).append(", ").append(segmentsRead)
                .append(" segment(s), ").append(recordsReplayed).append(" record(s)");
        tornTail.ifPresent(t -> s.append("; ").append(t));
        snapshotsRejected.forEach(r -> s.append("; rejected snapshot: ").append(r));
        if (!tempFilesRemoved.isEmpty()) {
            s.append("; removed temp files ").append(tempFilesRemoved);
        }
        return s.toString();
    }
}
