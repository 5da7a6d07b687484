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

    /**
     * The batch an engine hands out after the previous one: soft and hard state only where they changed, and
     * {@code mustSync} decided by the persistence rule ({@link #mustSync}). Lists are copied, so an engine may
     * pass and then clear its own buffers.
     */
    public static Ready since(SoftState previousSoft, SoftState soft, HardState previousHard, HardState hard,
                              Optional<Snapshot> snapshot, List<LogEntry> entries, List<LogEntry> committedEntries,
                              List<? extends Message> messages, List<ReadState> readStates) {
        return new Ready(
                soft.equals(previousSoft) ? Optional.empty() : Optional.of(soft),
                hard.equals(previousHard) ? Optional.empty() : Optional.of(hard),
                snapshot, entries, committedEntries, List.<Message>copyOf(messages), readStates,
                mustSync(previousHard, hard, entries, snapshot));
    }

    /**
     * The persistence rule (etcd's MustSync): new entries, a snapshot, or a changed term or vote (for
     * Multi-Paxos: promised ballot or proposer) must be fsynced before any message of the batch leaves. A
     * commit index that moved alone need not be: it is recoverable from a quorum.
     */
    public static boolean mustSync(HardState previous, HardState current, List<LogEntry> entries,
                                   Optional<Snapshot> snapshot) {
        return !entries.isEmpty() || snapshot.isPresent()
                || current.term() != previous.term() || !current.vote().equals(previous.vote());
    }

    public boolean isEmpty() {
        return softState.isEmpty() && hardState.isEmpty() && snapshot.isEmpty() && entries.isEmpty()
                && committedEntries.isEmpty() && messages.isEmpty() && readStates.isEmpty();
    }
}
