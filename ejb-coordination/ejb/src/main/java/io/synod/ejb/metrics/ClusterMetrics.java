package io.synod.ejb.metrics;

import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Cluster-level gauges, registered when the application starts. Registered programmatically: an annotated
 * gauge would only appear once something first used this bean.
 */
@ApplicationScoped
public class ClusterMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    SynodNode node;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder()
                        .withName("synod_members_visible")
                        .withDescription("Synod members this node currently sees, itself included")
                        .withUnit(MetricUnits.NONE)
                        .build(),
                node, n -> n.members().size());
    }
}
