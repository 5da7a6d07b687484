package io.synod.admin.console;

import io.synod.admin.api.KvParameters;
import io.synod.api.CasResult;
import io.synod.api.IndeterminateOutcomeException;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodException;
import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes from the store browser (form {@code action-store}): save the draft (optionally only if the key is still
 * at the revision shown, with an optional TTL) and delete the selected key (likewise conditional). Same rule as
 * every console action: the audit record ("accepted") is committed first, the write follows, and an outcome other
 * than success is recorded too. The write goes through the store applications use, so its checks (limits, the
 * reserved audit prefix) apply here as well. Bad input is a message and changes nothing.
 */
@Named
@RequestScoped
public class StoreActions {


    @Inject
    SynodNode node;

    @Inject
    ActionGate gate;

    @Inject
    StoreView view;

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Optional<String> user = gate.admin(faces, "store put");
        if (user.isEmpty()) {
            return;
        }
        String key = view.getDraftKey().trim();
        if (key.isEmpty()) {
            ActionGate.error(faces, "Not saved: enter a key.");
            return;
        }
        Optional<Duration> ttl;
        try {
            ttl = KvParameters.ttl(view.getDraftTtlSeconds().trim());
        } catch (KvParameters.BadParameterException e) {
            ActionGate.error(faces, "Not saved: " + e.getMessage() + ".");
            return;
        }
        Optional<Long> expected = conditionFor(key);
        byte[] value = view.getDraftValue().getBytes(StandardCharsets.UTF_8);
        String action = "store put " + key + " (" + value.length + " B" + ttl.map(t -> ", ttl " + t.toSeconds() + " s").orElse("")
                + expected.map(r -> ", if at revision " + r).orElse("") + ")";
        if (!gate.accepted(faces, user.get(), action, "Not saved")) {
            return;
        }
        KeyValueStore store = node.keyValues();
        try {
            if (expected.isEmpty()) {
                long revision = ttl.isPresent() ? store.put(key, value, ttl.get()) : store.put(key, value);
                ActionGate.info(faces, "Saved " + key + " at revision " + revision + ".");
            } else {
                CasResult cas = ttl.isPresent() ? store.compareAndSet(key, expected.get(), value, ttl.get())
                        : store.compareAndSet(key, expected.get(), value);
                if (!cas.succeeded()) {
                    String why = "the key changed meanwhile (now at revision " + cas.currentRevision() + ")";
                    gate.outcome(user.get(), action, "refused: " + why);
                    ActionGate.error(faces, "Not saved: " + why + "; review it and save again.");
                    view.refresh();
                    return;
                }
                ActionGate.info(faces, "Saved " + key + " at revision " + cas.revision() + ".");
            }
        } catch (SynodException e) {
            failed(faces, user.get(), action, "Not saved", e);
            return;
        }
        view.refresh();
        view.select(key);
    }

    public void delete() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Optional<String> user = gate.admin(faces, "store delete");
        if (user.isEmpty()) {
            return;
        }
        StoreView.Row selected = view.getSelected();
        if (selected == null) {
            ActionGate.error(faces, "Not deleted: select a key first.");
            return;
        }
        String key = selected.key();
        Optional<Long> expected = view.isDraftConditional() ? Optional.of(selected.modRevision()) : Optional.empty();
        String action = "store delete " + key + expected.map(r -> " (if at revision " + r + ")").orElse("");
        if (!gate.accepted(faces, user.get(), action, "Not deleted")) {
            return;
        }
        KeyValueStore store = node.keyValues();
        try {
            if (expected.isEmpty()) {
                boolean deleted = store.delete(key);
                if (deleted) {
                    ActionGate.info(faces, "Deleted " + key + ".");
                } else {
                    gate.outcome(user.get(), action, "nothing to delete: the key was already gone");
                    ActionGate.info(faces, "Nothing deleted: " + key + " was already gone.");
                }
            } else {
                CasResult cas = store.compareAndDelete(key, expected.get());
                if (!cas.succeeded()) {
                    String why = cas.current().isPresent() ? "the key changed meanwhile (now at revision "
                            + cas.currentRevision() + ")" : "the key was already gone";
                    gate.outcome(user.get(), action, "refused: " + why);
                    ActionGate.error(faces, "Not deleted: " + why + ".");
                    view.refresh();
                    return;
                }
                ActionGate.info(faces, "Deleted " + key + ".");
            }
        } catch (SynodException e) {
            failed(faces, user.get(), action, "Not deleted", e);
            return;
        }
        view.forgetSelection();
        view.refresh();
    }

    /** The revision the write is conditional on: the one shown, when the operator kept the box ticked. */
    private Optional<Long> conditionFor(String key) {
        StoreView.Row selected = view.getSelected();
        if (!view.isDraftConditional()) {
            return Optional.empty();
        }
        // a new key (none selected, or the key renamed in the form) must still be absent: revision 0
        return Optional.of(selected != null && selected.key().equals(key) ? selected.modRevision() : 0L);
    }



    private void failed(FacesContext faces, String user, String action, String not, SynodException e) {
        boolean unknown = e instanceof IndeterminateOutcomeException;
        gate.outcome(user, action, (unknown ? "unknown: " : "refused: ") + e.getMessage());
        ActionGate.error(faces, unknown ? "The outcome is unknown: " + e.getMessage() : not + ": " + e.getMessage());
    }




}
