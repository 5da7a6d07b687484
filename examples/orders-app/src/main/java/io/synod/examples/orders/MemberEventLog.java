package io.synod.examples.orders;

import io.synod.api.MemberCondemned;
import io.synod.api.MemberEvent;
import io.synod.api.MemberRecovered;
import io.synod.api.MemberSuspected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Records the failure detector's member events as this application hears them: all it takes is an
 * {@code @Observes} method per event type. Keeps the latest {@link #CAPACITY}, newest last.
 */
@ApplicationScoped
public class MemberEventLog {

    static final int CAPACITY = 200;

    private final Deque<MemberEvent> events = new ArrayDeque<>();

    void onSuspected(@Observes MemberSuspected event) {
        record(event);
    }

    void onRecovered(@Observes MemberRecovered event) {
        record(event);
    }

    void onCondemned(@Observes MemberCondemned event) {
        record(event);
    }

    synchronized List<MemberEvent> events() {
        return List.copyOf(events);
    }

    private synchronized void record(MemberEvent event) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
        }
        events.addLast(event);
    }
}
