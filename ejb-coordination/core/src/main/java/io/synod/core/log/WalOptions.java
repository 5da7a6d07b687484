package io.synod.core.log;

/**
 * Tuning of the segmented WAL.
 *
 * @param segmentBytes a segment is rolled once appending the next record would take it past this size; a
 *                     single record larger than this still goes into one (oversized) segment
 */
public record WalOptions(long segmentBytes) {

    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    /** Segments are read whole into memory on recovery, so they must fit a Java array. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;

    public static final WalOptions DEFAULTS = new WalOptions(DEFAULT_SEGMENT_BYTES);

    public WalOptions {
        if (segmentBytes < SegmentHeader.SIZE + 64 || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes must be in [" + (SegmentHeader.SIZE + 64) + ", "
                    + MAX_SEGMENT_BYTES + "], got " + segmentBytes);
        }
    }
}
