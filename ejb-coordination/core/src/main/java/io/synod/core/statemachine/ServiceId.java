package io.synod.core.statemachine;

import java.util.Optional;

/**
 * The replicated services a {@link CommandEnvelope} can target. The numeric code is part of the wire format:
 * never renumber, only append.
 */
public enum ServiceId {
    KV(1),
    LOCKS(2),
    SESSIONS(3),
    SCHEDULER(4),
    TXN(5);

    private final int code;

    ServiceId(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ServiceId> fromCode(int code) {
        for (ServiceId id : values()) {
            if (id.code == code) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
