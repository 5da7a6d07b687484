package io.synod.admin.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last {@code capacity} samples, oldest first; the oldest falls out when a new one comes. Thread-safe. */
public final class SampleRing<T> {

    private final int capacity;
    private final Deque<T> samples = new ArrayDeque<>();

    public SampleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(T sample) {
        samples.addLast(sample);
        if (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    public synchronized List<T> snapshot() {
        return List.copyOf(samples);
    }
}
