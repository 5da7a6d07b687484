package io.synod.ejb.health;

import io.synod.ejb.node.NodeState;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.Optional;

/**
 * Alive unless the node has failed for good (e.g. its node id is taken), stopped, or its Raft event loop
 * halted or stopped moving: then restarting the instance is the remedy, which is what a liveness probe
 * triggers. The loop finishes a task at least every tick, so a heartbeat older than {@value #STALL_TICKS}
 * ticks (and at least {@value #MIN_STALL_MILLIS} ms, to ride out a GC pause) means it is stuck.
 */
@Liveness
@ApplicationScoped
public class SynodLivenessCheck implements HealthCheck {

    static final String NAME = "synod-node";
    static final int STALL_TICKS = 100;
    static final long MIN_STALL_MILLIS = 10_000;

    @Inject
    SynodNode node;

    @Override
    public HealthCheckResponse call() {
        try {
            return check();
        } catch (EJBException e) {
            // still initialising: alive, not yet ready
            return HealthCheckResponse.named(NAME).up().withData("state", "STARTING").build();
        }
    }

    private HealthCheckResponse check() {
        NodeState state = node.state();
        boolean alive = state == NodeState.DISCOVERING || state == NodeState.RUNNING;
        var response = HealthCheckResponse.named(NAME).withData("state", state.name());
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isPresent()) {
            long silentMillis = System.currentTimeMillis() - runtime.get().loopHeartbeatMillis();
            long allowed = Math.max(MIN_STALL_MILLIS, STALL_TICKS * runtime.get().tickLength().toMillis());
            boolean loopRunning = runtime.get().status().running();
            response.withData("eventLoopRunning", loopRunning).withData("eventLoopSilentMillis", silentMillis);
            alive = alive && loopRunning && silentMillis <= allowed;
        }
        if (!node.failure().isEmpty()) {
            response.withData("failure", node.failure());
        }
        return response.status(alive).build();
    }
}
