package io.synod.ejb.transport;

/** Why an outbound message was not sent. Raft retransmits, so each of these costs latency, not safety. */
public enum DropReason {
    /** The peer's bounded outbound queue was full (see {@link OverflowPolicy}). */
    QUEUE_FULL,
    /** The message encodes beyond the frame limit; the peer would refuse it. */
    TOO_LARGE,
    /** No address is known for the recipient (not announced through discovery yet, or removed). */
    UNKNOWN_PEER,
    /** The transport, or the link to that peer, was shut down with the message still queued. */
    SHUT_DOWN
}
