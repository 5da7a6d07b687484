/**
 * Durable storage for a consensus group, in plain {@code java.nio}: what the shell writes before it sends
 * anything, and what rebuilds the engine's {@link io.synod.core.log.MemoryLogStorage} on restart.
 *
 * <h2>Layout of a log directory</h2>
 * <pre>
 *   hardstate                                   term, vote, commit; replaced atomically   {@link io.synod.core.log.HardStateFile}
 *   snap/snapshot-&lt;index&gt;-&lt;term&gt;.snap           newest N snapshots                       {@link io.synod.core.log.SnapshotStore}
 *   wal/wal-&lt;sequence&gt;-&lt;firstIndex&gt;.log         the write-ahead log, rolled by size      {@link io.synod.core.log.SegmentedWal}
 *   *.tmp                                       an interrupted atomic write: deleted on open
 * </pre>
 * Every file starts with a magic number and a format version and is protected by CRC32C.
 *
 * <h2>Crash rules</h2>
 * <ul>
 *   <li>A torn WAL tail (the last record of the last segment, with no valid record after it) is cut off;
 *       anything else damaged stops recovery with {@link io.synod.core.log.CorruptLogException} naming the
 *       file and byte offset. The precise rule is on {@link io.synod.core.log.SegmentReader}.</li>
 *   <li>The hard state is written only after the WAL is synced, so its commit index never points past the
 *       durable log; a damaged hard state file is corruption (a lost vote could mean a double vote).</li>
 *   <li>A damaged newest snapshot falls back to the previous one; the WAL is compacted no further than the
 *       oldest kept snapshot so that fallback can still replay from there.</li>
 * </ul>
 * The entry point is {@link io.synod.core.log.DurableLogStorage}. No threads: the shell's single storage
 * writer calls it.
 */
package io.synod.core.log;
