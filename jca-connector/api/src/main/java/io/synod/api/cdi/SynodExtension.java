package io.synod.api.cdi;

import io.synod.api.DistributedLock;
import io.synod.api.ClusterView;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodCluster;
import io.synod.api.spi.MemberEventHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Makes Synod's API injectable in any application on the instance, with no code and no beans.xml entry in
 * the application: Weld finds this extension through {@code META-INF/services} on the application's class
 * loader, whose parent (Payara's connector class loader) holds the deployed synod-connector.rar.
 *
 * <p>Every bean it adds is a thin delegate that borrows a connection from the resource adapter per call,
 * so calls made inside a JTA transaction are enlisted like any other resource.
 */
public class SynodExtension implements Extension {

    /** This application's subscription to the node's member events; closed when the application stops. */
    private volatile AutoCloseable memberEvents;

    void registerBeans(@Observes AfterBeanDiscovery event) {
        ConnectionSource connections = new ConnectionSource();
        event.addBean()
                .types(SynodCluster.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> new ConnectorBackedCluster(connections));
        event.addBean()
                .types(KeyValueStore.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> new ConnectorBackedKeyValueStore(connections));
        event.addBean()
                .types(DistributedLock.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> new ConnectorBackedDistributedLock(connections));
        event.addBean()
                .types(ClusterView.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> new RegistryBackedClusterView());
    }

    /** From now on the application's observers hear {@code MemberSuspected}, {@code MemberRecovered}, ... */
    void relayMemberEvents(@Observes AfterDeploymentValidation event, BeanManager beans) {
        memberEvents = MemberEventHub.subscribe(
                new MemberEventRelay(beans, Thread.currentThread().getContextClassLoader()));
    }

    void stopRelaying(@Observes BeforeShutdown event) throws Exception {
        AutoCloseable subscription = memberEvents;
        if (subscription != null) {
            subscription.close();
        }
    }
}
