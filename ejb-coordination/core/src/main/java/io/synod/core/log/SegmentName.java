package io.synod.core.log;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wal-<sequence:16>-<firstIndex:20>.log}. The sequence comes first so that a directory listing sorts
 * in replay order even when an overwrite made a later segment start below an earlier one (etcd does the same).
 */
record SegmentName(long sequence, long firstIndex) {

    private static final Pattern FORMAT = Pattern.compile("wal-(\\d{16})-(\\d{20})\\.log");
    static final String TEMP_SUFFIX = ".tmp";

    static Optional<SegmentName> parse(Path file) {
        Matcher m = FORMAT.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SegmentName(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    }

    String fileName() {
        return String.format("wal-%016d-%020d.log", sequence, firstIndex);
    }
}
