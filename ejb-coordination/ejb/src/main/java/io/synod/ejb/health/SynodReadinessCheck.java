package io.synod.ejb.health;

import io.synod.ejb.node.NodeState;
import io.synod.ejb.node.SynodNode;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the node runs and sees at least {@code synod.bootstrap-expect} members: before that there is no
 * cluster to serve from, so a load balancer must not send traffic here.
 */
@Readiness
@ApplicationScoped
public class SynodReadinessCheck implements HealthCheck {

    static final String NAME = "synod";

    @Inject
    SynodNode node;

    @Override
    public HealthCheckResponse call() {
        try {
            return check();
        } catch (EJBException e) {
            // probes start before the node bean finishes initialising: that is "not ready", not an error
            return HealthCheckResponse.named(NAME).down().withData("state", "STARTING").build();
        }
    }

    private HealthCheckResponse check() {
        int visible = node.members().size();
        int expected = node.settings().bootstrapExpect();
        NodeState state = node.state();
        return HealthCheckResponse.named(NAME)
                .status(state == NodeState.RUNNING && visible >= expected)
                .withData("nodeId", node.settings().nodeId().value())
                .withData("state", state.name())
                .withData("membersVisible", visible)
                .withData("bootstrapExpect", expected)
                .build();
    }
}
