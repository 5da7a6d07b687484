package io.synod.core.codec;

import io.synod.core.consensus.NodeId;

import java.util.Objects;

/** The addressing every consensus message shares, decoded by {@link MessageCodec} before the family's body. */
public record MessageHeader(long groupId, NodeId from, NodeId to) {

    public MessageHeader {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
