package io.synod.ejb.health;

import io.synod.ejb.node.NodeState;
import io.synod.ejb.node.RaftHost;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.RuntimeStatus;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Ready when this node can serve: its Raft runtime runs, it is in the voting configuration, a leader is known
 * and it has applied all but at most {@code synod.health.max-lag} committed entries. Before the runtime starts
 * (fewer than {@code synod.bootstrap-expect} members seen on a new cluster) it is DOWN and says how many
 * members it sees, so an operator sees what it waits for.
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
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("nodeId", node.settings().nodeId().value())
                .withData("state", state.name())
                .withData("membersVisible", visible)
                .withData("bootstrapExpect", expected);
        Optional<RaftHost> host = node.raftHost();
        host.ifPresent(h -> response.withData("raft", h.phase().name()));
        Optional<RuntimeStatus> status = node.runtime().map(r -> r.status());
        if (state != NodeState.RUNNING || status.isEmpty()) {
            host.filter(h -> !h.detail().isEmpty()).ifPresent(h -> response.withData("detail", h.detail()));
            return response.down().build();
        }
        RuntimeStatus s = status.get();
        long lag = s.commitIndex() - s.appliedIndex();
        boolean inConfiguration = s.confState().contains(s.id());
        response.withData("role", s.role().name())
                .withData("term", s.term())
                .withData("leader", s.leader().map(Object::toString).orElse(""))
                .withData("commitIndex", s.commitIndex())
                .withData("appliedIndex", s.appliedIndex())
                .withData("inConfiguration", inConfiguration);
        boolean ready = s.running() && inConfiguration && s.leader().isPresent()
                && lag <= node.settings().healthMaxLag();
        return response.status(ready).build();
    }
}
