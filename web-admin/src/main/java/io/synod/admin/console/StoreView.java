package io.synod.admin.console;

import io.synod.api.KeyValue;
import io.synod.api.ScanPage;
import io.synod.api.SynodException;
import io.synod.ejb.kv.RuntimeKeyValueStore;
import io.synod.ejb.node.SynodNode;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The store browser's state for one open page: the prefix searched, the page shown (paging by the last key of
 * each page, so a page is always a linearizable scan), the key selected and the edit form's draft. Reads go
 * through the same store the applications use; writes are {@link StoreActions}' business.
 */
@Named
@ViewScoped
public class StoreView implements Serializable {

    static final int PAGE_SIZE = 20;
    private static final long serialVersionUID = 1L;

    @Inject
    transient SynodNode node;

    private String prefix = "";
    /** The start-after key of every page before the current one; empty on the first page. */
    private final Deque<String> previousStarts = new ArrayDeque<>();
    private String currentStart;
    private List<Row> rows = List.of();
    private boolean more;
    private long revision;
    private boolean searched;
    private String problem = "";

    private Row selected;
    private String draftKey = "";
    private String draftValue = "";
    private String draftTtlSeconds = "";
    private boolean draftConditional = true;

    public void search() {
        previousStarts.clear();
        currentStart = null;
        load();
    }

    public void next() {
        if (more && !rows.isEmpty()) {
            previousStarts.push(currentStart == null ? "" : currentStart);
            currentStart = rows.get(rows.size() - 1).key();
            load();
        }
    }

    public void previous() {
        if (!previousStarts.isEmpty()) {
            String start = previousStarts.pop();
            currentStart = start.isEmpty() ? null : start;
            load();
        }
    }

    /** Re-reads the page shown and the selected key (after a write). */
    public void refresh() {
        load();
        if (selected != null) {
            select(selected.key());
        }
    }

    /** Shows {@code key} and fills the edit form with it; a key gone meanwhile is a message. */
    public void select(String key) {
        try {
            Optional<KeyValue> kv = store().get(key);
            if (kv.isEmpty()) {
                selected = null;
                message(FacesMessage.SEVERITY_WARN, "The key " + key + " no longer exists.");
                return;
            }
            selected = Row.of(kv.get(), Instant.now());
            draftKey = key;
            draftValue = selected.preview().editable();
            draftTtlSeconds = "";
            draftConditional = true;
        } catch (SynodException | CompletionException e) {
            message(FacesMessage.SEVERITY_ERROR, "The key could not be read: " + e.getMessage());
        }
    }

    /** Empties the edit form for a new key. */
    public void newKey() {
        selected = null;
        draftKey = prefix;
        draftValue = "";
        draftTtlSeconds = "";
        draftConditional = false;
    }

    void forgetSelection() {
        selected = null;
    }

    private void load() {
        searched = true;
        problem = "";
        try {
            ScanPage page = store().scanAfterAsync(prefix, Optional.ofNullable(currentStart), PAGE_SIZE)
                    .toCompletableFuture().join();
            Instant now = Instant.now();
            rows = page.entries().stream().map(kv -> Row.of(kv, now)).toList();
            more = page.more();
            revision = page.revision();
        } catch (SynodException | CompletionException e) {
            rows = List.of();
            more = false;
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            problem = cause.getMessage();
        }
    }

    private RuntimeKeyValueStore store() {
        return node.keyValues();
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    // ------------------------------------------------------------------ bound properties

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public int getPageSize() {
        return PAGE_SIZE;
    }

    public List<Row> getRows() {
        return rows;
    }

    public boolean isMore() {
        return more;
    }

    public boolean isFirstPage() {
        return previousStarts.isEmpty();
    }

    public int getPageNumber() {
        return previousStarts.size() + 1;
    }

    public long getRevision() {
        return revision;
    }

    public boolean isSearched() {
        return searched;
    }

    public String getProblem() {
        return problem;
    }

    public Row getSelected() {
        return selected;
    }

    public String getDraftKey() {
        return draftKey;
    }

    public void setDraftKey(String draftKey) {
        this.draftKey = draftKey == null ? "" : draftKey;
    }

    public String getDraftValue() {
        return draftValue;
    }

    public void setDraftValue(String draftValue) {
        this.draftValue = draftValue == null ? "" : draftValue;
    }

    public String getDraftTtlSeconds() {
        return draftTtlSeconds;
    }

    public void setDraftTtlSeconds(String draftTtlSeconds) {
        this.draftTtlSeconds = draftTtlSeconds == null ? "" : draftTtlSeconds;
    }

    public boolean isDraftConditional() {
        return draftConditional;
    }

    public void setDraftConditional(boolean draftConditional) {
        this.draftConditional = draftConditional;
    }

    /** One key as the browser lists it. */
    public record Row(String key, int size, long createRevision, long modRevision, long version, String ttlLeft,
                      ValuePreview preview) implements Serializable {

        static Row of(KeyValue kv, Instant now) {
            String ttl = kv.expiresAt().map(at -> at.isAfter(now) ? Display.duration(Duration.between(now, at)) : "expiring")
                    .orElse("none");
            byte[] value = kv.value();
            return new Row(kv.key(), value.length, kv.createRevision(), kv.modRevision(), kv.version(), ttl,
                    ValuePreview.of(value));
        }

        public String getSizeText() {
            return Display.bytes(size);
        }
    }
}
