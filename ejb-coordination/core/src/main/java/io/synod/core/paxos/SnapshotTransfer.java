package io.synod.core.paxos;

import io.synod.core.consensus.Snapshot;
import io.synod.core.consensus.SnapshotMetadata;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Chunked snapshot transfer for an acceptor whose next slot the leader compacted away. {@link Sender} is the
 * leader's side (stop-and-wait: one chunk out, the ack says where to go on); {@link Assembler} the acceptor's.
 */
final class SnapshotTransfer {

    private SnapshotTransfer() {
    }

    static final class Sender {
        final Snapshot snapshot;
        long ackedOffset;

        Sender(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        /** The chunk at {@code ackedOffset}: {@code [offset, end)} of the data. */
        byte[] chunk(int chunkBytes) {
            int from = (int) ackedOffset;
            int to = Math.min(snapshot.data().length, from + chunkBytes);
            return Arrays.copyOfRange(snapshot.data(), from, to);
        }

        boolean isLast(int chunkBytes) {
            return ackedOffset + chunkBytes >= snapshot.data().length;
        }
    }

    static final class Assembler {
        private SnapshotMetadata metadata;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        /**
         * Take one chunk; returns the complete snapshot after the last one. A chunk of another snapshot starts
         * over; one at the wrong offset is ignored (the ack tells the leader where we are).
         */
        Optional<Snapshot> accept(SnapshotMetadata meta, long offset, byte[] chunk, boolean last) {
            if (!meta.equals(metadata)) {
                if (offset != 0) {
                    return Optional.empty();
                }
                metadata = meta;
                bytes.reset();
            }
            if (offset != bytes.size()) {
                return Optional.empty();
            }
            bytes.write(chunk, 0, chunk.length);
            if (!last) {
                return Optional.empty();
            }
            Snapshot done = new Snapshot(metadata, bytes.toByteArray());
            metadata = null;
            bytes.reset();
            return Optional.of(done);
        }

        long received(SnapshotMetadata meta) {
            return meta.equals(metadata) ? bytes.size() : 0;
        }
    }
}
