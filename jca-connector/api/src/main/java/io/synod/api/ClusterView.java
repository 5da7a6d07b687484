package io.synod.api;

import java.util.List;
import java.util.Optional;

/**
 * The failure detector's view from the node on this instance: every peer it exchanges heartbeats with, with its
 * phi, state and heartbeat statistics. Inject it with {@code @Inject ClusterView view;}. State changes are also
 * fired as CDI events ({@link MemberSuspected}, {@link MemberRecovered}, {@link MemberCondemned}) in every
 * application on the instance.
 */
public interface ClusterView {

    /** Every peer the local node watches, in node id order (the local member itself is not among them). */
    List<MemberHealth> members();

    /** One peer, if the local node watches it. */
    Optional<MemberHealth> member(String memberId);

    /** The configured {@code synod.detector.phi-threshold}. */
    double phiThreshold();
}
