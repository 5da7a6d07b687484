package io.synod.connector;

import io.synod.api.ClusterMember;
import io.synod.api.KeyValueStore;
import io.synod.api.SynodCluster;
import io.synod.api.SynodUnavailableException;
import io.synod.api.spi.SynodBackend;
import io.synod.api.spi.SynodBackendRegistry;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SynodManagedConnectionTest {

    private static final ClusterMember N1 = new ClusterMember("n1", "127.0.0.1", 7901, true);
    /** Only its identity matters here: the handle must hand out the registered node's store itself. */
    private static final KeyValueStore NODE_STORE = (KeyValueStore) Proxy.newProxyInstance(
            KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
    private final SynodBackend backend = new SynodBackend() {
        @Override
        public SynodCluster cluster() {
            return new SynodCluster() {
                @Override
                public List<ClusterMember> members() {
                    return List.of(N1);
                }

                @Override
                public ClusterMember localMember() {
                    return N1;
                }
            };
        }

        @Override
        public KeyValueStore keyValues() {
            return NODE_STORE;
        }

        @Override
        public io.synod.api.DistributedLock locks() {
            throw new UnsupportedOperationException("not used by these tests");
        }
    };

    @AfterEach
    void unregister() {
        SynodBackendRegistry.unregister(backend);
    }

    @Test
    void handleDelegatesToTheRegisteredNode() {
        SynodBackendRegistry.register(backend);
        SynodConnectionHandle handle = (SynodConnectionHandle) new SynodManagedConnection().getConnection(null, null);
        assertThat(handle.cluster().members()).containsExactly(N1);
        assertThat(handle.cluster().localMember()).isEqualTo(N1);
        assertThat(handle.keyValues()).isSameAs(NODE_STORE);
    }

    @Test
    void withoutANodeCallsFailWithTypedError() {
        SynodConnectionHandle handle = (SynodConnectionHandle) new SynodManagedConnection().getConnection(null, null);
        assertThatThrownBy(() -> handle.cluster().members()).isInstanceOf(SynodUnavailableException.class);
        assertThatThrownBy(handle::keyValues).isInstanceOf(SynodUnavailableException.class);
    }

    @Test
    void closingAHandleTellsTheContainerExactlyOnce() {
        SynodManagedConnection managed = new SynodManagedConnection();
        List<ConnectionEvent> closed = new ArrayList<>();
        managed.addConnectionEventListener(new RecordingListener(closed));
        SynodConnectionHandle handle = (SynodConnectionHandle) managed.getConnection(null, null);

        handle.close();
        handle.close();

        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).getConnectionHandle()).isSameAs(handle);
        assertThatThrownBy(handle::cluster).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(handle::keyValues).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void cleanupInvalidatesOutstandingHandles() {
        SynodManagedConnection managed = new SynodManagedConnection();
        SynodConnectionHandle handle = (SynodConnectionHandle) managed.getConnection(null, null);
        managed.cleanup();
        assertThatThrownBy(handle::cluster).isInstanceOf(IllegalStateException.class);
    }

    private record RecordingListener(List<ConnectionEvent> closed) implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            closed.add(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
        }
    }
}
