package io.synod.ejb.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The file {@code protocol} in a log directory: which consensus protocol wrote the state there. Written (and
 * made durable) before the engine's first write, checked at every start.
 *
 * <p>A directory with state but no marker was written before the protocol became selectable, hence by Raft.
 */
final class ProtocolMarker {

    static final String FILE = "protocol";
    private static final int MAX_BYTES = 64;

    private ProtocolMarker() {
    }

    /**
     * Refuses a directory of another protocol; records {@code configured} where nothing is recorded yet.
     *
     * @param hasState whether the directory's log already holds state (then an unmarked one is Raft's)
     * @throws ProtocolMismatchException if the directory belongs to another protocol
     */
    static void claim(Path dir, ConsensusProtocol configured, boolean hasState) throws IOException {
        Optional<String> recorded = read(dir);
        String owner = recorded.orElse(hasState ? ConsensusProtocol.RAFT.configName() : configured.configName());
        if (!owner.equals(configured.configName())) {
            throw new ProtocolMismatchException(dir, configured, owner);
        }
        if (recorded.isEmpty()) {
            write(dir, configured);
        }
    }

    static Optional<String> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is not a protocol marker (" + Files.size(file) + " bytes)");
        }
        return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }

    /** Write-to-temp, fsync, atomic rename, fsync the directory: a crash leaves the old state or the new. */
    private static void write(Path dir, ConsensusProtocol protocol) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((protocol.configName() + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
