package io.synod.admin.console;

import io.synod.admin.monitor.ClusterMonitor;
import io.synod.admin.monitor.ClusterPicture;
import io.synod.admin.monitor.LeaderChange;
import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The overview page: every member with its numbers (from the {@link ClusterMonitor}'s latest picture, at most a
 * quarter second old), who leads and since when, the leader changes this node saw, and this node's configuration
 * (secrets redacted). The page polls it every second.
 */
@Named
@RequestScoped
public class OverviewView {

    @Inject
    SynodNode node;

    @Inject
    ClusterMonitor monitor;

    private ClusterPicture picture;

    /** One picture per request, taken when first needed (rendering), so an action's response shows its effect. */
    private ClusterPicture picture() {
        if (picture == null) {
            picture = monitor.picture();
        }
        return picture;
    }

    public List<MemberLine> getMembers() {
        return picture().members().stream().map(MemberLine::of).toList();
    }

    /** Members discovery sees now (what readiness counts), this one included. */
    public int getVisibleMembers() {
        return node.members().size();
    }

    /** "ALIVE · phi 0.21" as this node's failure detector sees the member; empty for this node itself. */
    public String detector(String memberId) {
        try {
            return node.clusterView().member(memberId)
                    .map(m -> m.state().name() + " \u00b7 phi " + String.format(java.util.Locale.ROOT, "%.2f", m.phi()))
                    .orElse("");
        } catch (io.synod.api.SynodUnavailableException e) {
            return "";
        }
    }

    public int getExpectedMembers() {
        return node.settings().bootstrapExpect();
    }

    public String getNodeId() {
        return node.settings().nodeId().value();
    }

    public String getState() {
        return node.state().name();
    }

    public String getRaftDetail() {
        return node.raftHost().map(h -> h.phase().name() + (h.detail().isEmpty() ? "" : ": " + h.detail()))
                .orElse("discovery has not started");
    }

    public String getFailure() {
        return node.failure();
    }

    public String getLeader() {
        return picture().members().stream().filter(m -> m.leader()).map(m -> m.nodeId()).findFirst().orElse("");
    }

    /** "since 2026-11-25 15:03:12 UTC (4 min)", as this node saw it take over. */
    public String getLeaderSince() {
        return monitor.leaders().current()
                .filter(c -> c.leader().map(getLeader()::equals).orElse(false))
                .map(c -> Display.time(c.at()) + " (" + Display.duration(Duration.between(c.at(), Instant.now()))
                        + " ago, term " + c.term() + ")")
                .orElse(Display.UNKNOWN);
    }

    public List<LeaderChangeLine> getLeaderChanges() {
        return monitor.leaders().recent().stream().map(LeaderChangeLine::of).toList();
    }

    public List<Map.Entry<String, String>> getConfiguration() {
        return List.copyOf(node.settings().describe().entrySet());
    }

    /** A leader change as the list prints it. */
    public record LeaderChangeLine(String at, String term, String leader) {
        static LeaderChangeLine of(LeaderChange c) {
            return new LeaderChangeLine(Display.time(c.at()), Long.toString(c.term()), c.leader().orElse("none known"));
        }
    }
}
