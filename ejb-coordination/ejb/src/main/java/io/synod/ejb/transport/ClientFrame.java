package io.synod.ejb.transport;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KeyValue;

import java.util.Objects;
import java.util.Optional;

/**
 * A client request forwarded from a follower to the leader, or the leader's reply to it. {@code correlation} is
 * chosen by the forwarding node and echoed in the reply; it means nothing to the leader. Requests travel as
 * {@code CLIENT_REQUEST} frames, replies as {@code CLIENT_REPLY} frames, both on the ordinary authenticated links
 * (see {@link ClientFrameCodec} for the wire format and its bounds).
 */
public sealed interface ClientFrame {

    long correlation();

    /** Whether this frame travels as a request (else a reply). */
    default boolean isRequest() {
        return this instanceof WriteRequest || this instanceof ReadRequest;
    }

    /**
     * A write to propose as the envelope {@code (client, sequence, leader time, service, payload)}: the
     * forwarding node's client id and sequence travel with it so a retry is applied once (thesis §6.3).
     */
    record WriteRequest(long correlation, ClientId client, long sequence, ServiceId service, byte[] payload)
            implements ClientFrame {
        public WriteRequest {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(payload, "payload");
            if (sequence < 1) {
                throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
            }
        }
    }

    /** A linearizable (§6.4 ReadIndex) or, with {@code lease}, a lease-based read of one key. */
    record ReadRequest(long correlation, String key, boolean lease) implements ClientFrame {
        public ReadRequest {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The write was applied (now, or earlier by another attempt): the service's encoded result. */
    record WriteReply(long correlation, byte[] result) implements ClientFrame {
        public WriteReply {
            Objects.requireNonNull(result, "result");
        }
    }

    record ReadReply(long correlation, Optional<KeyValue> kv) implements ClientFrame {
        public ReadReply {
            Objects.requireNonNull(kv, "kv");
        }
    }

    /** The leader did not (or cannot say that it did) carry the request out; see {@link Verdict}. */
    record Refusal(long correlation, Verdict verdict, Optional<NodeId> leaderHint, String detail)
            implements ClientFrame {
        public Refusal {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(leaderHint, "leaderHint");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** What a refusal tells the forwarding node. The numeric code is wire format: never renumber. */
    enum Verdict {
        /** Nothing was proposed (not the leader, a transfer under way): retry at the leader. */
        NOT_PROPOSED(1),
        /** Proposed, but leadership moved before it was seen applied: retrying the same sequence is safe. */
        UNKNOWN(2),
        /** The duplicate filter can no longer tell (stale sequence, forgotten session): final. */
        INDETERMINATE(3),
        /** The request itself is invalid: final, nothing changed. */
        FAILED(4);

        private final int code;

        Verdict(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Optional<Verdict> fromCode(int code) {
            for (Verdict v : values()) {
                if (v.code == code) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }
}
