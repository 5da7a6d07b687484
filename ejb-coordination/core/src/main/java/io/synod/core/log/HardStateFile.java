package io.synod.core.log;

import io.synod.core.consensus.HardState;
import io.synod.core.consensus.NodeId;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Term, vote and commit in one small file, replaced atomically (temp, force, rename, directory force).
 * <pre>
 *   int32 magic "SYNH" | byte version | int64 term | int64 commit | byte hasVote | [node id] | int32 CRC32C
 * </pre>
 * A damaged file is never guessed around: losing the vote could let this node vote twice in a term.
 */
public final class HardStateFile {

    static final String NAME = "hardstate";
    private static final int MAGIC = 0x5359_4E48; // "SYNH"
    private static final byte VERSION = 1;

    private final Path file;

    public HardStateFile(Path dir) {
        this.file = dir.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** Replace the stored hard state; durable when this returns. */
    public void write(HardState state) throws IOException {
        int size = 4 + 1 + 8 + 8 + 1 + state.vote().map(NodeIdCodec::size).orElse(0) + 4;
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(MAGIC).put(VERSION).putLong(state.term()).putLong(state.commit());
        buf.put((byte) (state.vote().isPresent() ? 1 : 0));
        state.vote().ifPresent(v -> NodeIdCodec.write(v, buf));
        buf.putInt(WalRecordCodec.crc(buf, 0, size - 4));
        AtomicFile.replace(file, buf.flip());
    }

    /**
     * The stored hard state; empty if none was ever written (a leftover temp file from an interrupted write
     * does not count: the rename never happened, so the previous state is the one that was promised).
     *
     * @throws CorruptLogException if the file exists but fails its checks
     */
    public Optional<HardState> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ByteBuffer buf = AtomicFile.readFully(file);
        int size = buf.limit();
        if (size < 4 + 1 + 8 + 8 + 1 + 4 || buf.getInt(0) != MAGIC) {
            throw new CorruptLogException(file, 0, "not a Synod hard state file (" + size + " bytes)");
        }
        if (WalRecordCodec.crc(buf, 0, size - 4) != buf.getInt(size - 4)) {
            throw new CorruptLogException(file, size - 4, "hard state CRC mismatch");
        }
        byte version = buf.get(4);
        if (version != VERSION) {
            throw new CorruptLogException(file, 4, "unsupported hard state version " + version);
        }
        try {
            buf.position(5).limit(size - 4);
            long term = buf.getLong();
            long commit = buf.getLong();
            Optional<NodeId> vote = buf.get() == 1 ? Optional.of(NodeIdCodec.read(buf)) : Optional.empty();
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException(buf.remaining() + " trailing bytes");
            }
            return Optional.of(new HardState(term, vote, commit));
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new CorruptLogException(file, 5, "malformed hard state: " + e.getMessage());
        }
    }
}
