package io.synod.ejb.detector;

import io.synod.api.ClusterView;
import io.synod.api.MemberHealth;
import io.synod.core.consensus.NodeId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The API's {@link ClusterView}, read from this node's {@link FailureDetector}. */
public final class DetectorClusterView implements ClusterView {

    private final NodeId self;
    private final FailureDetector detector;
    private final Clock wallClock;

    public DetectorClusterView(NodeId self, FailureDetector detector, Clock wallClock) {
        this.self = self;
        this.detector = detector;
        this.wallClock = wallClock;
    }

    @Override
    public List<MemberHealth> members() {
        DetectorEvents convert = new DetectorEvents(self, wallClock.instant(), detector.nowMillis());
        return detector.statistics().stream().map(convert::toApi).toList();
    }

    @Override
    public Optional<MemberHealth> member(String memberId) {
        return members().stream().filter(m -> m.memberId().equals(memberId)).findFirst();
    }

    @Override
    public double phiThreshold() {
        return detector.phiThreshold();
    }
}
