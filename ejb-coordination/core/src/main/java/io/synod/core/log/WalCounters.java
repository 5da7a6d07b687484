package io.synod.core.log;

/**
 * Cumulative WAL activity since the WAL was opened, for metrics (fsync rate, write amplification,
 * group-commit effectiveness = records / syncs).
 *
 * @param bytesWritten   bytes handed to the file system, headers and framing included
 * @param recordsWritten records appended
 * @param syncs          {@code FileChannel.force} calls on segment files (group commits, plus the seal of a
 *                       segment on roll and the header of a new segment)
 * @param segmentsRolled segments sealed because they were full
 */
public record WalCounters(long bytesWritten, long recordsWritten, long syncs, long segmentsRolled) {
}
