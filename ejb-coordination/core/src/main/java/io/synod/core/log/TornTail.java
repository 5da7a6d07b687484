package io.synod.core.log;

import java.nio.file.Path;

/**
 * A torn write found at the end of the last segment and cut off: {@code file} was truncated to
 * {@code offset}, discarding {@code bytesTruncated} bytes. Only unsynced (never acknowledged) data can be lost
 * this way.
 */
public record TornTail(Path file, long offset, long bytesTruncated, String reason) {

    @Override
    public String toString() {
        return "torn tail in " + file + " at byte offset " + offset + " (" + bytesTruncated + " bytes cut: "
                + reason + ")";
    }
}
