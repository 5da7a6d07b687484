package io.synod.core.statemachine.kv;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The bounded tail of the store's change history that watches are served from. Compaction always removes whole
 * revisions, so a revision is either fully answerable or reported as compacted — never half there. The bound is
 * both a count and an approximate byte budget (values live in the history), but the newest revision is always
 * kept, even if it alone is over budget, so the latest change can be watched.
 */
final class WatchHistory {

    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<KvEvent> events = new ArrayDeque<>();
    private long bytes;
    /** Events with revision <= this are gone. */
    private long compactRevision;

    WatchHistory(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Append the events of one new revision, then trim to the bounds. */
    void append(List<KvEvent> revisionEvents) {
        for (KvEvent e : revisionEvents) {
            events.addLast(e);
            bytes += e.approximateBytes();
        }
        while ((events.size() > maxEvents || bytes > maxBytes)
                && events.peekFirst().revision() != events.peekLast().revision()) {
            dropOldestRevision();
        }
    }

    /** Remove all events up to and including {@code revision}; compacting backwards is a no-op. */
    void compact(long revision) {
        while (!events.isEmpty() && events.peekFirst().revision() <= revision) {
            dropOldestRevision();
        }
        compactRevision = Math.max(compactRevision, revision);
    }

    /** At most {@code maxEvents} events, except that a revision is never split (its events share one command). */
    WatchResult since(long fromRevision, long currentRevision, int maxEvents) {
        if (fromRevision <= compactRevision) {
            return new WatchResult.Compacted(compactRevision, currentRevision);
        }
        List<KvEvent> out = new ArrayList<>();
        Iterator<KvEvent> newestFirst = events.descendingIterator();
        while (newestFirst.hasNext()) {
            KvEvent e = newestFirst.next();
            if (e.revision() < fromRevision) {
                break;
            }
            out.add(e);
        }
        Collections.reverse(out);
        int end = Math.min(out.size(), Math.max(1, maxEvents));
        while (end < out.size() && out.get(end).revision() == out.get(end - 1).revision()) {
            end++;
        }
        return new WatchResult.Events(out.subList(0, end), currentRevision, end < out.size());
    }

    long compactRevision() {
        return compactRevision;
    }

    List<KvEvent> events() {
        return List.copyOf(events);
    }

    /** Replace the contents with a decoded snapshot's (already validated as ordered). */
    void reset(long compactRevision, List<KvEvent> restored) {
        events.clear();
        bytes = 0;
        this.compactRevision = compactRevision;
        for (KvEvent e : restored) {
            events.addLast(e);
            bytes += e.approximateBytes();
        }
    }

    private void dropOldestRevision() {
        long oldest = events.peekFirst().revision();
        while (!events.isEmpty() && events.peekFirst().revision() == oldest) {
            bytes -= events.removeFirst().approximateBytes();
        }
        compactRevision = Math.max(compactRevision, oldest);
    }
}
