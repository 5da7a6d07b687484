package io.synod.admin.console;

import io.synod.admin.audit.AuditEntry;
import io.synod.admin.audit.AuditLog;
import io.synod.admin.audit.AuditUnavailableException;
import io.synod.admin.monitor.ClusterMonitor;
import io.synod.admin.security.ConsoleSecurity;
import io.synod.core.consensus.NodeId;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Transfer leadership from the console (form {@code action-transfer}). Runs on the leader only (the engine
 * refuses elsewhere); the page says where the leader is otherwise. Rule: no action without its audit record —
 * the record ("accepted") is committed first, then the transfer is started; if the engine refuses after all, a
 * second record says so. Every outcome is a message on the page, never a stack trace.
 */
@Named
@RequestScoped
public class LeadershipActions {

    private static final Logger LOG = Logger.getLogger(LeadershipActions.class.getName());
    private static final long ACCEPT_SECONDS = 5;
    /** About one election timeout and a half at the default tick: a transfer normally ends well within it. */
    private static final long LEADER_WAIT_MILLIS = 3_000;

    @Inject
    SynodNode node;

    @Inject
    AuditLog audit;

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
        ExternalContext external = faces.getExternalContext();
        String user = external.getUserPrincipal() == null ? "?" : external.getUserPrincipal().getName();
        if (!external.isUserInRole(ConsoleSecurity.ADMIN_ROLE)) {
            // ReadOnlyGuard refuses such a post before it gets here; this is the second lock on the door
            LOG.warning(() -> "refused transfer-leadership by read-only user '" + user + "'");
            error(faces, "Refused: your role is read-only.");
            return;
        }
        Optional<NodeRuntime> runtime = node.runtime();
        Optional<RuntimeStatus> status = runtime.map(NodeRuntime::status);
        if (status.isEmpty() || !status.get().isLeader()) {
            error(faces, "Not transferred: this node is not the leader"
                    + status.flatMap(RuntimeStatus::leader).map(l -> "; open the console of " + l).orElse("") + ".");
            return;
        }
        NodeId to;
        try {
            to = NodeId.of(target == null ? "" : target.trim());
        } catch (IllegalArgumentException e) {
            error(faces, "Not transferred: choose a member to hand leadership to.");
            return;
        }
        if (to.equals(status.get().id()) || !status.get().confState().voters().contains(to)) {
            error(faces, "Not transferred: " + to + " is not another voter of this cluster.");
            return;
        }
        String action = "transfer leadership " + status.get().id() + " -> " + to + " (term " + status.get().term() + ")";
        String self = node.settings().nodeId().value();
        try {
            audit.record(new AuditEntry(Instant.now(), user, self, action, "accepted"));
        } catch (AuditUnavailableException e) {
            error(faces, "Not transferred: the audit record could not be written (" + e.getMessage() + ").");
            return;
        }
        try {
            runtime.get().transferLeadership(to).get(ACCEPT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage()) : "no answer within " + ACCEPT_SECONDS + " s";
            recordRefusal(user, self, action, why);
            error(faces, "Not transferred: " + why);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(faces, "Not transferred: interrupted.");
            return;
        }
        Optional<RuntimeStatus> after = awaitLeader(runtime.get(), to.value());
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, after.isPresent()
                ? "Leadership is being handed to " + to + ": " + to + " leads now (term " + after.get().term() + ")."
                : "Leadership is being handed to " + to + "; it does not lead yet (the overview shows when it does).",
                null));
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

    private void recordRefusal(String user, String self, String action, String why) {
        try {
            audit.record(new AuditEntry(Instant.now(), user, self, action, "refused: " + why));
        } catch (AuditUnavailableException e) {
            LOG.warning(() -> "could not audit the refusal of '" + action + "': " + e.getMessage());
        }
    }

    private Optional<RuntimeStatus> status() {
        return node.runtime().map(NodeRuntime::status);
    }

    private static void error(FacesContext faces, String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }
}
