package io.synod.ejb.kv;

import io.synod.core.consensus.Role;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.ejb.runtime.NodeRuntime;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run periodically on every node; acts only on the leader. A key's TTL is judged against the group's replicated
 * clock, which moves only when an entry is applied, so on a store nobody writes to an expired key would stay
 * visible forever. The leader's periodic {@link KvCommand.Expire} both moves that clock and removes what expired,
 * bounding how long past its TTL a key can be seen to about one period.
 */
public final class ExpiryProposer implements Runnable {

    private static final Logger LOG = Logger.getLogger(ExpiryProposer.class.getName());

    private final Supplier<Optional<NodeRuntime>> runtime;

    public ExpiryProposer(Supplier<Optional<NodeRuntime>> runtime) {
        this.runtime = runtime;
    }

    @Override
    public void run() {
        runtime.get().filter(r -> r.status().role() == Role.LEADER).ifPresent(leader ->
                leader.submit(new KvCommand.Expire()).whenComplete((result, failure) -> {
                    if (failure != null) {
                        // leadership moved or the node stops: the next leader proposes the next one
                        LOG.log(Level.FINE, "expiry proposal not applied", failure);
                    }
                }));
    }
}
