package io.synod.ejb.detector;

import io.synod.core.detector.DetectorEvent;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** How many times the detector suspected, condemned and saw recover any member since the node started (metrics). */
public final class TransitionCounts {

    private final AtomicLong suspected = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicLong condemned = new AtomicLong();

    void count(List<DetectorEvent> events) {
        for (DetectorEvent event : events) {
            if (event instanceof DetectorEvent.MemberSuspected) {
                suspected.incrementAndGet();
            } else if (event instanceof DetectorEvent.MemberRecovered) {
                recovered.incrementAndGet();
            } else {
                condemned.incrementAndGet();
            }
        }
    }

    public long suspected() {
        return suspected.get();
    }

    public long recovered() {
        return recovered.get();
    }

    public long condemned() {
        return condemned.get();
    }
}
