package io.synod.admin.console;

import io.synod.api.ClusterMember;
import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.Map;

/** The overview page: members this node sees and the node's own configuration (secrets redacted). */
@Named
@RequestScoped
public class OverviewView {

    @Inject
    SynodNode node;

    public List<ClusterMember> getMembers() {
        return node.members();
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

    public String getFailure() {
        return node.failure();
    }

    public List<Map.Entry<String, String>> getConfiguration() {
        return List.copyOf(node.settings().describe().entrySet());
    }
}
