package io.synod.ejb.discovery;

import com.hazelcast.core.HazelcastInstance;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;

/** Payara's own Hazelcast instance, published in JNDI once Payara has started its data grid. */
public final class HazelcastLocator {

    /** Where Payara binds its Hazelcast instance. */
    public static final String JNDI_NAME = "payara/Hazelcast";
    /** Member attribute in which Payara records the instance name (Payara Micro's --name). */
    private static final String INSTANCE_NAME_ATTRIBUTE = "GLASSFISH-INSTANCE";

    private HazelcastLocator() {
    }

    /** The instance, or empty while Payara has not bound it yet (or runs with Hazelcast disabled). */
    public static Optional<HazelcastInstance> find() {
        try {
            return Optional.of((HazelcastInstance) new InitialContext().lookup(JNDI_NAME));
        } catch (NamingException e) {
            return Optional.empty();
        }
    }

    /** The Payara instance name this member runs as, if Payara recorded it. */
    public static Optional<String> instanceName(HazelcastInstance hazelcast) {
        return Optional.ofNullable(hazelcast.getCluster().getLocalMember().getAttribute(INSTANCE_NAME_ATTRIBUTE));
    }

    /** The host Hazelcast is bound to: the default address for Synod's own transport. */
    public static String bindHost(HazelcastInstance hazelcast) {
        return hazelcast.getCluster().getLocalMember().getAddress().getHost();
    }
}
