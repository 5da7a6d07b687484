package io.synod.core.consensus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One batch of work the engine hands to its shell. The shell must, in this order:
 * <ol>
 *   <li>persist {@link #snapshot()}, {@link #entries()} and {@link #hardState()} (and fsync when
 *       {@link #mustSync()}),</li>
 *   <li>only then send {@link #messages()} (the persistence rule: no vote or append acknowledgement leaves
 *       before what it promises is durable),</li>
 *   <li>apply {@link #committedEntries()} in order and serve {@link #readStates()} once applied far enough,</li>
 *   <li>call {@code advance(ready)}.</li>
 * </ol>
 */
public record Ready(
        Optional<SoftState> softState,
        Optional<HardState> hardState,
        Optional<Snapshot> snapshot,
        List<LogEntry> entries,
        List<LogEntry> committedEntries,
        List<Message> messages,
        List<ReadState> readStates,
        boolean mustSync) {

    public Ready {
        Objects.requireNonNull(softState, "softState");
        Objects.requireNonNull(hardState, "hardState");
        Objects.requireNonNull(snapshot, "snapshot");
        entries = List.copyOf(entries);
        committedEntries = List.copyOf(committedEntries);
        messages = List.copyOf(messages);
        readStates = List.copyOf(readStates);
    }

    public boolean isEmpty() {
        return softState.isEmpty() && hardState.isEmpty() && snapshot.isEmpty() && entries.isEmpty()
                && committedEntries.isEmpty() && messages.isEmpty() && readStates.isEmpty();
    }
}
