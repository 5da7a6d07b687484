package io.synod.core.log;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Durable whole-file replacement and the directory fsync that makes creates, renames and deletes stick. */
final class AtomicFile {

    static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /**
     * Replace {@code target} with {@code content} so that after a crash it holds either the old or the new
     * content, never a mix: write a temp file, force it, rename it over the target, force the directory.
     */
    static void replace(Path target, ByteBuffer content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, content, 0);
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    static void writeFully(FileChannel channel, ByteBuffer content, long position) throws IOException {
        long at = position;
        while (content.hasRemaining()) {
            at += channel.write(content, at);
        }
    }

    /** Read a whole (small) file. */
    static ByteBuffer readFully(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(file + " is too large to read at once: " + size + " bytes");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining()) {
                if (channel.read(buf) < 0) {
                    break;
                }
            }
            return buf.flip();
        }
    }

    /**
     * Force the directory entry itself: without it a freshly created or renamed file can vanish after a
     * power loss even though its content was forced. Windows cannot open a directory as a channel; there the
     * rename is all we can do. Everywhere else a failure here is a real failure.
     */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            if (File.separatorChar == '\\') {
                return;
            }
            throw e;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** Delete leftover temp files from an interrupted write; returns their names for the recovery report. */
    static List<String> removeTempFiles(Path dir) throws IOException {
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(TEMP_SUFFIX) && Files.isRegularFile(p)) {
                    Files.delete(p);
                    removed.add(p.toString());
                }
            }
        }
        return removed;
    }
}
