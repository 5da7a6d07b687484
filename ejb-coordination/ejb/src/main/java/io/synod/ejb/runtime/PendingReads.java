package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ReadState;
import io.synod.core.statemachine.kv.KeyValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * §6.4 ReadIndex reads in their two states: waiting for the leader to confirm its leadership (identified by a
 * context the engine echoes back), then released at a read index and served once that index is applied.
 * Event-loop only.
 */
final class PendingReads {

    private record Read(String key, CompletableFuture<Optional<KeyValue>> future) {
    }

    private record Released(long index, Read read) {
    }

    private final Map<Long, Read> awaitingConfirmation = new HashMap<>();
    private final List<Released> released = new ArrayList<>();
    private long nextId;

    /** Register a read and return the context to hand to {@code readIndex}. */
    byte[] add(String key, CompletableFuture<Optional<KeyValue>> future) {
        long id = nextId++;
        awaitingConfirmation.put(id, new Read(key, future));
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    /** Undo {@link #add} when the engine refused the read. */
    void cancel(byte[] context) {
        awaitingConfirmation.remove(ByteBuffer.wrap(context).getLong());
    }

    void release(ReadState state) {
        if (state.context().length != Long.BYTES) {
            return;
        }
        Read read = awaitingConfirmation.remove(ByteBuffer.wrap(state.context()).getLong());
        if (read != null) {
            released.add(new Released(state.index(), read));
        }
    }

    /** Serve every released read whose index is applied. */
    void serve(long applied, Function<String, Optional<KeyValue>> lookup) {
        for (Iterator<Released> it = released.iterator(); it.hasNext(); ) {
            Released r = it.next();
            if (r.index() <= applied) {
                it.remove();
                r.read().future().complete(lookup.apply(r.read().key()));
            }
        }
    }

    /**
     * Leadership was lost: reads not yet confirmed never will be. Released reads stay: their index was confirmed
     * by a quorum, so serving them once applied is still linearizable.
     */
    void failUnconfirmed(NodeId self, Optional<NodeId> leaderHint) {
        awaitingConfirmation.values().forEach(r -> r.future().completeExceptionally(
                new NotLeaderException(self, leaderHint)));
        awaitingConfirmation.clear();
    }

    void failAll(RuntimeException cause) {
        awaitingConfirmation.values().forEach(r -> r.future().completeExceptionally(cause));
        released.forEach(r -> r.read().future().completeExceptionally(cause));
        awaitingConfirmation.clear();
        released.clear();
    }
}
