package io.synod.ejb.transport;

import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A peer's bounded backlog. Bounded because a dead or slow peer must cost a fixed amount of memory, not an
 * ever-growing buffer; dropping is safe because Raft retransmits what matters. Synchronized: offered from the
 * caller's thread, polled on the link's event loop, and both are short.
 */
final class OutboundQueue<T> {

    private final int capacity;
    private final OverflowPolicy policy;
    private final ArrayDeque<T> messages;

    OutboundQueue(int capacity, OverflowPolicy policy) {
        this.capacity = capacity;
        this.policy = policy;
        this.messages = new ArrayDeque<>(Math.min(capacity, 64));
    }

    /** @return true when a message (the new one or the oldest, by policy) was dropped to respect the bound */
    synchronized boolean offer(T message) {
        if (messages.size() < capacity) {
            messages.addLast(message);
            return false;
        }
        if (policy == OverflowPolicy.DROP_OLDEST) {
            messages.pollFirst();
            messages.addLast(message);
        }
        return true;
    }

    synchronized Optional<T> poll() {
        return Optional.ofNullable(messages.pollFirst());
    }

    /** Empties the queue, e.g. at shutdown; @return how many messages were discarded */
    synchronized int clear() {
        int n = messages.size();
        messages.clear();
        return n;
    }

    synchronized int size() {
        return messages.size();
    }
}
