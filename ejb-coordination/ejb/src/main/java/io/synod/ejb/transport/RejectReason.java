package io.synod.ejb.transport;

/** Why an inbound frame was refused and its connection closed. */
public enum RejectReason {
    /** The length prefix exceeds the limit (before authentication: the small handshake limit). */
    OVERSIZED,
    /** The frame does not parse: negative length, unknown kind, bad handshake or message encoding. */
    MALFORMED,
    /** A frame other than the next handshake step arrived before the connection was authenticated. */
    UNAUTHENTICATED,
    /** An authenticated peer sent a message naming another sender, or addressed to another node. */
    MISADDRESSED,
    /** A frame on a direction that carries none (the server side of an outbound connection sends nothing). */
    UNEXPECTED
}
