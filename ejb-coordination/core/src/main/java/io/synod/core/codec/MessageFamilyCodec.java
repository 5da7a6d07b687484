package io.synod.core.codec;

import io.synod.core.consensus.Message;

/**
 * How one engine's message family (Raft's sealed {@code RaftMessage}, later Paxos's) is written inside the
 * common envelope of {@link MessageCodec}. A family owns a range of type tags; the registry refuses two
 * families whose ranges overlap, so adding an engine can never change how another engine's bytes decode.
 *
 * <p>The family writes and reads only the body: {@link MessageCodec} has already handled the version, the tag
 * and the {@link MessageHeader}, and checks afterwards that the body consumed the frame exactly.
 *
 * @param <M> the family's message type
 */
public interface MessageFamilyCodec<M extends Message> {

    /** A short name for errors and logs, e.g. "raft". */
    String family();

    /** The common supertype of the family's messages; {@link MessageCodec} routes encoding by it. */
    Class<M> messageType();

    /** First tag of the family's range (inclusive), 1..65535. */
    int firstTag();

    /** Last tag of the family's range (inclusive). */
    int lastTag();

    /** The tag of {@code message}: a value in [{@link #firstTag()}, {@link #lastTag()}]. */
    int tagOf(M message);

    /**
     * Refuses a message the receiving side's {@link #readBody} would refuse for its size (too many entries, an
     * entry or chunk too large). Checked before sending, so that an over-limit message is dropped at the sender
     * instead of closing the connection at the receiver, again on every retransmission.
     *
     * @throws IllegalArgumentException naming the limit exceeded
     */
    void checkLimits(M message, MessageLimits limits);

    /** Appends the body of {@code message}; never fails (bounds are the reader's job). */
    void writeBody(M message, WireWriter out);

    /**
     * Reads the body of a message with tag {@code tag} (already known to be in range).
     *
     * @throws CodecException for an unknown tag in the range, a field out of bounds or a truncated body
     */
    M readBody(int tag, MessageHeader header, WireReader in, MessageLimits limits) throws CodecException;
}
