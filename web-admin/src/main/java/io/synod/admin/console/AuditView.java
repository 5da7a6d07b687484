package io.synod.admin.console;

import io.synod.admin.audit.AuditEntry;
import io.synod.admin.audit.AuditLog;
import io.synod.admin.audit.AuditUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The audit page: the newest console actions, from this member's copy of the replicated store. */
@Named
@RequestScoped
public class AuditView {

    static final int SHOWN = 100;

    @Inject
    AuditLog audit;

    private List<Line> entries = List.of();
    private String problem = "";

    @PostConstruct
    void load() {
        try {
            entries = audit.recent(SHOWN).stream().map(Line::of).toList();
        } catch (AuditUnavailableException e) {
            problem = e.getMessage();
        }
    }

    public List<Line> getEntries() {
        return entries;
    }

    public String getProblem() {
        return problem;
    }

    public record Line(String at, String user, String node, String action, String result) {
        static Line of(AuditEntry e) {
            return new Line(Display.time(e.at()), e.user(), e.node(), e.action(), e.result());
        }
    }
}
