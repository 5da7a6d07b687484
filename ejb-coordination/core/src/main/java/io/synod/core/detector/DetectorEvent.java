package io.synod.core.detector;

import io.synod.core.consensus.NodeId;

import java.util.Objects;

/** A state change of one member, reported once, for the shell to publish (CDI events, logs, metrics). */
public sealed interface DetectorEvent {

    NodeId member();

    /** The detector time at which the change was observed. */
    long atMillis();

    /** ALIVE → SUSPECTED; {@code phi} is the value that crossed the threshold. */
    record MemberSuspected(NodeId member, long atMillis, double phi) implements DetectorEvent {
        public MemberSuspected {
            Objects.requireNonNull(member, "member");
        }
    }

    /** SUSPECTED or CONDEMNED → ALIVE, because a heartbeat arrived; {@code from} says which. */
    record MemberRecovered(NodeId member, long atMillis, MemberState from) implements DetectorEvent {
        public MemberRecovered {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(from, "from");
        }
    }

    /** SUSPECTED → CONDEMNED: suspected continuously since {@code suspectedSinceMillis}. */
    record MemberCondemned(NodeId member, long atMillis, long suspectedSinceMillis) implements DetectorEvent {
        public MemberCondemned {
            Objects.requireNonNull(member, "member");
        }
    }
}
