package io.synod.core.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Durable state is damaged in a way that is not a torn tail: recovery stops, because continuing could lose
 * entries or a vote this node already promised. The message names the file and, when it applies, the byte
 * offset of the first bad record, so an operator can inspect (and keep) the damaged file.
 */
public final class CorruptLogException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Offset used when the damage concerns the file as a whole (e.g. a missing snapshot). */
    public static final long WHOLE_FILE = -1;

    private final transient Path file;
    private final long offset;

    public CorruptLogException(Path file, long offset, String reason) {
        super(file + (offset >= 0 ? " at byte offset " + offset : "") + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** Byte offset of the damage inside {@link #file()}, or {@link #WHOLE_FILE}. */
    public long offset() {
        return offset;
    }
}
