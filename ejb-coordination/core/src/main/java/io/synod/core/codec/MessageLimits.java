package io.synod.core.codec;

/**
 * Upper bounds a decoder enforces on consensus messages from the network. They exist so that a hostile or
 * corrupted frame is refused before anything is allocated for it: the sender's own limits (Raft's
 * {@code maxSizePerMsg}, {@code snapshotChunkBytes}) must stay below these, with room for the envelope.
 *
 * @param maxFrameBytes largest encoded message accepted (and produced) as a whole
 * @param maxEntries    most log entries in one message
 * @param maxEntryBytes largest payload of one log entry
 * @param maxChunkBytes largest snapshot chunk in one message
 * @param maxMembers    most node ids in one membership set (voters, learners)
 */
public record MessageLimits(int maxFrameBytes, int maxEntries, int maxEntryBytes, int maxChunkBytes, int maxMembers) {

    /** Node ids are at most 64 ASCII characters ({@code io.synod.core.consensus.NodeId}). */
    public static final int MAX_NODE_ID_BYTES = 64;

    /**
     * Defaults sized for the defaults elsewhere: 1 MiB values (issue 4), 1 MiB AppendEntries batches and 256 KiB
     * snapshot chunks (RaftConfig.defaults), with headroom for a batch that ends with one large entry.
     */
    public static final MessageLimits DEFAULT = new MessageLimits(8 << 20, 16_384, 2 << 20, 4 << 20, 1_024);

    public MessageLimits {
        if (maxFrameBytes < 64 || maxEntries < 1 || maxEntryBytes < 0 || maxChunkBytes < 0 || maxMembers < 1) {
            throw new IllegalArgumentException("message limits out of range: " + maxFrameBytes + ", " + maxEntries
                    + ", " + maxEntryBytes + ", " + maxChunkBytes + ", " + maxMembers);
        }
    }
}
