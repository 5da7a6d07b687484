package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ClientId;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The client sessions this runtime writes under (thesis §6.3), as lanes that carry one write at a time.
 *
 * <p>Why lanes: the replicated duplicate filter ({@code ClientSessions}) remembers only a client's last
 * sequence. With two writes of one client in flight, a retry of the first after the second applied is
 * "stale" — its outcome lost. With one write per lane a retry always meets either its own sequence (a
 * duplicate: answered from the remembered result, never applied again) or the one before (fresh: applied
 * now), so retries are exact; concurrency comes from having several lanes.
 *
 * <p>A lane whose write failed in any way is retired, never reused: its sequence may or may not be in the log,
 * and a brand-new session must start at sequence 1 with no gap (the filter tells a new client from a forgotten
 * one that way). A lane idle for half the session idle timeout is replaced as well, before the group forgets
 * it. Event-loop only.
 */
final class ClientLanes {

    /** One session: its id and the sequence its next write carries. */
    static final class Lane {
        private final ClientId client;
        private long nextSequence = 1;
        private long lastUsedNanos;

        private Lane(ClientId client, long nowNanos) {
            this.client = client;
            this.lastUsedNanos = nowNanos;
        }

        ClientId client() {
            return client;
        }

        long sequence() {
            return nextSequence;
        }
    }

    private final NodeId self;
    private final int maxLanes;
    private final long rotateAfterNanos;
    private final String incarnation = Long.toHexString(new SecureRandom().nextLong());
    private final ArrayDeque<Lane> idle = new ArrayDeque<>();
    private int busy;
    private long created;

    ClientLanes(NodeId self, int maxLanes, long sessionIdleTimeoutMillis) {
        this.self = self;
        this.maxLanes = maxLanes;
        this.rotateAfterNanos = sessionIdleTimeoutMillis * 1_000_000L / 2;
    }

    /** A lane for one write, or empty when {@code maxLanes} writes are already in flight. */
    Optional<Lane> acquire(long nowNanos) {
        Lane lane = idle.pollFirst();
        while (lane != null && nowNanos - lane.lastUsedNanos > rotateAfterNanos) {
            lane = idle.pollFirst(); // the group may forget this session soon: start a new one instead
        }
        if (lane == null) {
            if (busy >= maxLanes) {
                return Optional.empty();
            }
            lane = new Lane(ClientId.of(self.value() + "/" + incarnation + "/" + ++created), nowNanos);
        }
        busy++;
        return Optional.of(lane);
    }

    /** The lane's write was applied (now or by an earlier attempt): the next write takes the next sequence. */
    void succeeded(Lane lane, long nowNanos) {
        lane.nextSequence++;
        lane.lastUsedNanos = nowNanos;
        busy--;
        idle.addFirst(lane); // most recently used first: few sessions stay warm, the rest age out
    }

    /** The lane's write ended without a known success: never write under this session again. */
    void retired(Lane lane) {
        busy--;
    }

    int busy() {
        return busy;
    }

    /** Sessions created so far (each one is a distinct client id in the group's duplicate filter). */
    long created() {
        return created;
    }
}
