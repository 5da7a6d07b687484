package io.synod.ejb.transport;

/**
 * A failure-detector heartbeat: nothing but a per-link sequence number. The receiver times its arrival on its own
 * monotonic clock; the sender's clock is never sent, so skewed clocks cannot make a member look alive or dead.
 * Travels as a {@code HEARTBEAT} frame ({@link HeartbeatCodec}), apart from consensus traffic.
 */
public record Heartbeat(long sequence) {

    public Heartbeat {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
    }
}
