package io.synod.ejb.health;

import io.synod.ejb.node.NodeState;
import io.synod.ejb.node.SynodNode;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless the node has failed for good (e.g. its node id is taken) or stopped: then restarting the
 * instance is the remedy, which is what a liveness probe triggers.
 */
@Liveness
@ApplicationScoped
public class SynodLivenessCheck implements HealthCheck {

    static final String NAME = "synod-node";

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
        var response = HealthCheckResponse.named(NAME)
                .status(state == NodeState.DISCOVERING || state == NodeState.RUNNING)
                .withData("state", state.name());
        if (!node.failure().isEmpty()) {
            response.withData("failure", node.failure());
        }
        return response.build();
    }
}
