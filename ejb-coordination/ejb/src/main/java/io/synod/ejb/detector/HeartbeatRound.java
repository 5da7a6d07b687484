package io.synod.ejb.detector;

import io.synod.api.MemberEvent;
import io.synod.core.consensus.NodeId;
import io.synod.core.detector.DetectorEvent;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.transport.Heartbeat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What runs every heartbeat interval (on a managed scheduled executor, never the consensus loop): follow the peers
 * discovery knows, send each a heartbeat, re-judge them all, and publish what changed. Sending only enqueues on the
 * transport's event loops, so a round never blocks on a slow or paused peer.
 */
public final class HeartbeatRound implements Runnable {

    private static final Logger LOG = Logger.getLogger(HeartbeatRound.class.getName());

    private final NodeId self;
    private final FailureDetector detector;
    private final Supplier<Optional<NodeRuntime>> runtime;
    private final Consumer<MemberEvent> publish;
    private final Clock wallClock;
    private long sequence;
    private NodeRuntime wired;

    public HeartbeatRound(NodeId self, FailureDetector detector, Supplier<Optional<NodeRuntime>> runtime,
                          Consumer<MemberEvent> publish, Clock wallClock) {
        this.self = self;
        this.detector = detector;
        this.runtime = runtime;
        this.publish = publish;
        this.wallClock = wallClock;
    }

    @Override
    public void run() {
        try {
            runtime.get().ifPresent(this::round);
        } catch (RuntimeException e) {
            // a failed round must not cancel the schedule: the next one tries again
            LOG.log(Level.WARNING, "Synod failure detector round failed", e);
        }
    }

    private void round(NodeRuntime current) {
        if (current != wired) {
            current.onHeartbeats((from, heartbeat) -> publishAll(detector.heartbeat(from)));
            wired = current;
        }
        var peers = current.knownPeers();
        detector.follow(peers, current.authenticatedPeers());
        Heartbeat heartbeat = new Heartbeat(sequence++);
        peers.forEach(peer -> current.sendHeartbeat(peer, heartbeat));
        publishAll(detector.evaluate());
    }

    private void publishAll(List<DetectorEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        DetectorEvents convert = new DetectorEvents(self, wallClock.instant(), detector.nowMillis());
        for (DetectorEvent event : events) {
            MemberEvent published = convert.toApi(event);
            LOG.info(() -> "Synod node " + self + ": " + published);
            publish.accept(published);
        }
    }
}
