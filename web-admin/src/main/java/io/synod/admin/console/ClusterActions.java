package io.synod.admin.console;

import io.synod.admin.cluster.ConfChangeFit;
import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.ejb.node.SynodNode;
import io.synod.ejb.runtime.NodeRuntime;
import io.synod.ejb.runtime.RuntimeStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Membership changes (form {@code action-members}: add learner, promote, remove; on the leader, with the checks
 * the ops API makes) and "take a snapshot of this member now" (form {@code action-snapshot}). Each is audited
 * before it is taken, and its refusal after; every outcome is a message on the page.
 */
@Named
@RequestScoped
public class ClusterActions {

    private static final long ACCEPT_SECONDS = 5;
    /** Writing a snapshot is an fsync of the whole image: allow it more than a proposal. */
    private static final long SNAPSHOT_SECONDS = 30;
    private static final Map<String, ConfChange.Kind> CHANGES = Map.of(
            "add-learner", ConfChange.Kind.ADD_LEARNER,
            "promote", ConfChange.Kind.ADD_VOTER,
            "remove", ConfChange.Kind.REMOVE);

    @Inject
    SynodNode node;

    @Inject
    ActionGate gate;

    private String memberId;
    private String change = "add-learner";

    public void changeMembership() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Optional<String> user = gate.admin(faces, "membership change");
        if (user.isEmpty()) {
            return;
        }
        ConfChange.Kind kind = CHANGES.get(change == null ? "" : change);
        if (kind == null) {
            ActionGate.error(faces, "Not changed: choose add learner, promote or remove.");
            return;
        }
        NodeId target;
        try {
            target = NodeId.of(memberId == null ? "" : memberId.trim());
        } catch (IllegalArgumentException e) {
            ActionGate.error(faces, "Not changed: '" + (memberId == null ? "" : memberId) + "' is not a valid node id.");
            return;
        }
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isEmpty()) {
            ActionGate.error(faces, "Not changed: the Raft runtime is not running on this node.");
            return;
        }
        RuntimeStatus status = runtime.get().status();
        if (!status.isLeader()) {
            ActionGate.error(faces, "Not changed: membership is changed from the leader's console"
                    + status.leader().map(l -> " (currently " + l + ")").orElse("") + ".");
            return;
        }
        ConfState conf = status.confState();
        Optional<String> misfit = ConfChangeFit.misfit(kind, target, conf);
        if (misfit.isPresent()) {
            ActionGate.error(faces, "Not changed: " + misfit.get() + ".");
            return;
        }
        String action = change + " " + target + " (voters " + conf.voters() + ", learners " + conf.learners() + ")";
        if (!gate.accepted(faces, user.get(), action, "Not changed")) {
            return;
        }
        Optional<Long> index = await(faces, user.get(), action, "Not changed",
                runtime.get().proposeConfChange(new ConfChange(kind, target)), ACCEPT_SECONDS);
        index.ifPresent(i -> ActionGate.info(faces, "Proposed: " + change + " " + target + " at log index " + i
                + "; the overview shows when it takes effect."));
    }

    public void snapshotNow() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Optional<String> user = gate.admin(faces, "snapshot");
        if (user.isEmpty()) {
            return;
        }
        Optional<NodeRuntime> runtime = node.runtime();
        if (runtime.isEmpty()) {
            ActionGate.error(faces, "No snapshot: the Raft runtime is not running on this node.");
            return;
        }
        long before = runtime.get().status().snapshotIndex();
        String action = "snapshot now on " + gate.self() + " (applied index " + runtime.get().status().appliedIndex()
                + ", previous snapshot " + before + ")";
        if (!gate.accepted(faces, user.get(), action, "No snapshot")) {
            return;
        }
        Optional<Long> index = await(faces, user.get(), action, "No snapshot", runtime.get().snapshotNow(),
                SNAPSHOT_SECONDS);
        index.ifPresent(i -> ActionGate.info(faces, i == before
                ? "Nothing new since the snapshot at index " + i + "; it stays the newest."
                : "Snapshot taken at index " + i + "."));
    }

    /** The request's answer, or empty with the refusal recorded and shown. */
    private <T> Optional<T> await(FacesContext faces, String user, String action, String not,
                                  CompletableFuture<T> request, long seconds) {
        try {
            return Optional.of(request.get(seconds, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof ExecutionException ? describe(e.getCause()) : "no answer within " + seconds + " s";
            gate.outcome(user, action, "refused: " + why);
            ActionGate.error(faces, not + ": " + why + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ActionGate.error(faces, not + ": interrupted.");
        }
        return Optional.empty();
    }

    private static String describe(Throwable cause) {
        if (cause instanceof NotLeaderException notLeader) {
            return "this node is no longer the leader" + notLeader.leaderHint().map(l -> " (now " + l + ")").orElse("");
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }





    /** This member's newest snapshot index, "—" while the runtime is not running (shown to every role). */
    public String getLocalSnapshotIndex() {
        return node.runtime().map(r -> String.valueOf(r.status().snapshotIndex())).orElse(Display.UNKNOWN);
    }

    public String getLocalAppliedIndex() {
        return node.runtime().map(r -> String.valueOf(r.status().appliedIndex())).orElse(Display.UNKNOWN);
    }

    public String getMemberId() {
        return memberId;
    }

    public void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public String getChange() {
        return change;
    }

    public void setChange(String change) {
        this.change = change == null ? null : change.toLowerCase(Locale.ROOT);
    }


}
