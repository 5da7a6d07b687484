package io.synod.admin.console;

import io.synod.admin.audit.AuditEntry;
import io.synod.admin.audit.AuditLog;
import io.synod.admin.audit.AuditUnavailableException;
import io.synod.admin.security.ConsoleSecurity;
import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What every console action passes through: the admin role (a second lock behind ReadOnlyGuard), the "accepted"
 * audit record committed before the action is taken (no record, no action), and the outcome recorded when it
 * was not a plain success. Results and refusals reach the operator as page messages.
 */
@ApplicationScoped
public class ActionGate {

    private static final Logger LOG = Logger.getLogger(ActionGate.class.getName());

    @Inject
    SynodNode node;

    @Inject
    AuditLog audit;

    /** The acting admin's name; empty (with a message) for anyone else. */
    public Optional<String> admin(FacesContext faces, String what) {
        ExternalContext external = faces.getExternalContext();
        String user = external.getUserPrincipal() == null ? "?" : external.getUserPrincipal().getName();
        if (!external.isUserInRole(ConsoleSecurity.ADMIN_ROLE)) {
            LOG.warning(() -> "refused " + what + " by read-only user '" + user + "'");
            error(faces, "Refused: your role is read-only.");
            return Optional.empty();
        }
        return Optional.of(user);
    }

    /** Commits the "accepted" record; false (with a message starting with {@code not}) if it could not be. */
    public boolean accepted(FacesContext faces, String user, String action, String not) {
        try {
            audit.record(new AuditEntry(Instant.now(), user, self(), action, "accepted"));
            return true;
        } catch (AuditUnavailableException e) {
            error(faces, not + ": the audit record could not be written (" + e.getMessage() + ").");
            return false;
        }
    }

    /** Records how an accepted action ended when that was not a plain success; a failure here is only logged. */
    public void outcome(String user, String action, String result) {
        try {
            audit.record(new AuditEntry(Instant.now(), user, self(), action, result));
        } catch (AuditUnavailableException e) {
            LOG.warning(() -> "could not audit the outcome of '" + action + "': " + e.getMessage());
        }
    }

    public String self() {
        return node.settings().nodeId().value();
    }

    public static void info(FacesContext faces, String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    public static void error(FacesContext faces, String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }
}
