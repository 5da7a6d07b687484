package io.synod.examples.orders;

import io.synod.api.Lease;
import io.synod.api.LeaseLostEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The leases this instance's application holds between requests (a lease belongs to the object, not to the
 * request thread that took it), and every lost event they reported.
 */
@ApplicationScoped
public class HeldLeases {

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final List<LeaseLostEvent> lost = new CopyOnWriteArrayList<>();

    void hold(Lease lease) {
        lease.onLost(lost::add);
        Lease previous = leases.put(lease.lockName(), lease);
        if (previous != null) {
            previous.close();
        }
    }

    Optional<Lease> get(String name) {
        return Optional.ofNullable(leases.get(name));
    }

    Optional<Lease> remove(String name) {
        return Optional.ofNullable(leases.remove(name));
    }

    List<LeaseLostEvent> lostEvents(String name) {
        return lost.stream().filter(e -> e.lockName().equals(name)).toList();
    }
}
