package io.synod.admin.console;

import io.synod.admin.monitor.ClusterMonitor;
import io.synod.core.consensus.NodeId;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Transfer leadership from the console (form {@code action-transfer}). Runs on the leader only (the engine
 * refuses elsewhere); the page says where the leader is otherwise. Audited through {@link ActionGate}: the
 * record ("accepted") is committed first, then the transfer is started; if the engine refuses after all, a
 * second record says so. Every outcome is a message on the page, never a stack trace.
 */
@Named
@RequestScoped
public class LeadershipActions {

    private static final long ACCEPT_SECONDS = 5;
    /** About one election timeout and a half at the default tick: a transfer normally ends well within it. */
    private static final long LEADER_WAIT_MILLIS = 3_000;

    @Inject
    SynodNode node;

    @Inject
    ActionGate gate;

    @Inject
    ClusterMonitor monitor;

    private String target;

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    /** Whether this node leads, so the transfer can be started from its console. */
    public boolean isAvailableHere() {
        return status().map(RuntimeStatus::isLeader).orElse(false);
    }

    /** The other voters, the possible targets. */
    public List<String> getTargets() {
        return status().filter(RuntimeStatus::isLeader)
                .map(s -> s.confState().voters().stream().filter(v -> !v.equals(s.id())).map(NodeId::value).sorted().toList())
                .orElse(List.of());
    }

    public void transfer() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Optional<String> user = gate.admin(faces, "transfer-leadership");
        if (user.isEmpty()) {
            return;
        }
        Optional<NodeRuntime> runtime = node.runtime();
        Optional<RuntimeStatus> status = runtime.map(NodeRuntime::status);
        if (status.isEmpty() || !status.get().isLeader()) {
            ActionGate.error(faces, "Not transferred: this node is not the leader"
                    + status.flatMap(RuntimeStatus::leader).map(l -> "; open the console of " + l).orElse("") + ".");
            return;
        }
        NodeId to;
        try {
            to = NodeId.of(target == null ? "" : target.trim());
        } catch (IllegalArgumentException e) {
            ActionGate.error(faces, "Not transferred: choose a member to hand leadership to.");
            return;
        }
        if (to.equals(status.get().id()) || !status.get().confState().voters().contains(to)) {
            ActionGate.error(faces, "Not transferred: " + to + " is not another voter of this cluster.");
            return;
        }
        String action = "transfer leadership " + status.get().id() + " -> " + to + " (term " + status.get().term() + ")";
        if (!gate.accepted(faces, user.get(), action, "Not transferred")) {
            return;
        }
        try {
            runtime.get().transferLeadership(to).get(ACCEPT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage()) : "no answer within " + ACCEPT_SECONDS + " s";
            gate.outcome(user.get(), action, "refused: " + why);
            ActionGate.error(faces, "Not transferred: " + why);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ActionGate.error(faces, "Not transferred: interrupted.");
            return;
        }
        Optional<RuntimeStatus> after = awaitLeader(runtime.get(), to.value());
        ActionGate.info(faces, after.isPresent()
                ? "Leadership is being handed to " + to + ": " + to + " leads now (term " + after.get().term() + ")."
                : "Leadership is being handed to " + to + "; it does not lead yet (the overview shows when it does).");
    }

    /**
     * The operator wants to know how it ended: wait (bounded) until the console's picture, which the response
     * re-renders, shows {@code to} leading.
     */
    private Optional<RuntimeStatus> awaitLeader(NodeRuntime runtime, String to) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEADER_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (monitor.picture().leader().map(to::equals).orElse(false)) {
                return Optional.of(runtime.status());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    private Optional<RuntimeStatus> status() {
        return node.runtime().map(NodeRuntime::status);
    }
}
