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
