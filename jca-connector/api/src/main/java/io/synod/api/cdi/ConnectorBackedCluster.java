package io.synod.api.cdi;

import io.synod.api.ClusterMember;
import io.synod.api.SynodCluster;
import io.synod.api.SynodConnection;

import java.util.List;

/** The injectable {@link SynodCluster}: each call goes through a pooled connection of the resource adapter. */
final class ConnectorBackedCluster implements SynodCluster {

    private final ConnectionSource connections;

    ConnectorBackedCluster(ConnectionSource connections) {
        this.connections = connections;
    }

    @Override
    public List<ClusterMember> members() {
        try (SynodConnection connection = connections.open()) {
            return connection.cluster().members();
        }
    }

    @Override
    public ClusterMember localMember() {
        try (SynodConnection connection = connections.open()) {
            return connection.cluster().localMember();
        }
    }
}
