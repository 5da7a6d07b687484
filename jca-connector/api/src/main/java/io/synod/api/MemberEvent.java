package io.synod.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A state change of a peer seen by the failure detector of the node on this instance ({@code observer}). Each
 * application observes the concrete events with {@code @Observes}: {@link MemberSuspected},
 * {@link MemberRecovered}, {@link MemberCondemned}.
 */
public sealed interface MemberEvent extends Serializable permits MemberSuspected, MemberRecovered, MemberCondemned {

    /** The member whose state changed. */
    String memberId();

    /** The node that observed the change (the one on this instance). */
    String observer();

    /** When the change was observed, on the observer's clock. */
    Instant at();
}
