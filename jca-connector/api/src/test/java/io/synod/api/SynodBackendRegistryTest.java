package io.synod.api;

import io.synod.api.spi.SynodBackend;
import io.synod.api.spi.SynodBackendRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SynodBackendRegistryTest {

    private final SynodBackend first = backend("n1");
    private final SynodBackend second = backend("n2");

    @AfterEach
    void clear() {
        SynodBackendRegistry.unregister(first);
        SynodBackendRegistry.unregister(second);
    }

    @Test
    void noNodeMeansTypedUnavailableError() {
        assertThatThrownBy(SynodBackendRegistry::current)
                .isInstanceOf(SynodUnavailableException.class)
                .hasMessageContaining("not running");
    }

    @Test
    void registeredNodeIsCurrentUntilUnregistered() {
        SynodBackendRegistry.register(first);
        assertThat(SynodBackendRegistry.current()).isSameAs(first);
        SynodBackendRegistry.unregister(first);
        assertThatThrownBy(SynodBackendRegistry::current).isInstanceOf(SynodUnavailableException.class);
    }

    @Test
    void secondNodeOnTheSameInstanceIsRefused() {
        SynodBackendRegistry.register(first);
        assertThatThrownBy(() -> SynodBackendRegistry.register(second))
                .isInstanceOf(IllegalStateException.class);
        assertThat(SynodBackendRegistry.current()).isSameAs(first);
    }

    @Test
    void lateUnregisterOfAnOldNodeKeepsTheNewOne() {
        SynodBackendRegistry.register(first);
        SynodBackendRegistry.unregister(first);
        SynodBackendRegistry.register(second);
        SynodBackendRegistry.unregister(first);
        assertThat(SynodBackendRegistry.current()).isSameAs(second);
    }

    private static SynodBackend backend(String id) {
        SynodCluster cluster = fixedCluster(id);
        return new SynodBackend() {
            @Override
            public SynodCluster cluster() {
                return cluster;
            }

            @Override
            public KeyValueStore keyValues() {
                throw new UnsupportedOperationException("the registry never touches the store");
            }

            @Override
            public DistributedLock locks() {
                throw new UnsupportedOperationException("the registry never touches the locks");
            }
        };
    }

    private static SynodCluster fixedCluster(String id) {
        ClusterMember member = new ClusterMember(id, "127.0.0.1", 7901, true);
        return new SynodCluster() {
            @Override
            public List<ClusterMember> members() {
                return List.of(member);
            }

            @Override
            public ClusterMember localMember() {
                return member;
            }
        };
    }
}
