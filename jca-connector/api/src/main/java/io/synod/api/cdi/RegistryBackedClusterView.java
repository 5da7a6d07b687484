package io.synod.api.cdi;

import io.synod.api.ClusterView;
import io.synod.api.MemberHealth;
import io.synod.api.spi.SynodBackendRegistry;

import java.util.List;
import java.util.Optional;

/**
 * The injectable {@link ClusterView}: read-only and transaction-free, so it asks the registered node directly
 * rather than through a pooled connection. Each call finds the node anew, so a redeployed synod.war is picked up.
 */
final class RegistryBackedClusterView implements ClusterView {

    @Override
    public List<MemberHealth> members() {
        return SynodBackendRegistry.current().clusterView().members();
    }

    @Override
    public Optional<MemberHealth> member(String memberId) {
        return SynodBackendRegistry.current().clusterView().member(memberId);
    }

    @Override
    public double phiThreshold() {
        return SynodBackendRegistry.current().clusterView().phiThreshold();
    }
}
