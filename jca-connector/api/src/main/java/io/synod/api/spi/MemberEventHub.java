package io.synod.api.spi;

import io.synod.api.MemberEvent;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries the node's failure-detector events to every application on the instance. CDI events do not cross
 * application boundaries, so each application's CDI extension subscribes here (this class is loaded once, by the
 * connector class loader all applications share) and re-fires what it hears into its own bean manager; the node
 * publishes. Subscribing does not depend on the node running yet, so deployment order does not matter.
 */
public final class MemberEventHub {

    private static final Logger LOG = Logger.getLogger(MemberEventHub.class.getName());
    private static final CopyOnWriteArrayList<Consumer<MemberEvent>> LISTENERS = new CopyOnWriteArrayList<>();

    private MemberEventHub() {
    }

    /** @return closing it unsubscribes (an application does so when it stops, so its classes can be unloaded) */
    public static AutoCloseable subscribe(Consumer<MemberEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** Hands {@code event} to every subscriber; one that throws is logged and does not stop the others. */
    public static void publish(MemberEvent event) {
        Objects.requireNonNull(event, "event");
        for (Consumer<MemberEvent> listener : LISTENERS) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a Synod member event listener failed on " + event, e);
            }
        }
    }

    /** How many subscribers there are (for the ops API and tests). */
    public static int subscribers() {
        return LISTENERS.size();
    }
}
