package io.synod.core.log;

import io.synod.core.consensus.LogEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Entries with recognisable payloads, for the storage tests. */
final class LogFixtures {

    private LogFixtures() {
    }

    static LogEntry entry(long index, long term) {
        return LogEntry.normal(index, term, ("cmd-" + index + "@" + term).getBytes(StandardCharsets.UTF_8));
    }

    /** Entries {@code from..to} inclusive, all in {@code term}. */
    static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(entry(i, term));
        }
        return out;
    }

    static List<LogEntry> all(DurableLogStorage log) {
        return log.lastIndex() < log.firstIndex() ? List.of()
                : log.entries(log.firstIndex(), log.lastIndex() + 1, Long.MAX_VALUE);
    }

    static int framedSize(LogEntry e) {
        return WalRecordCodec.framedSize(new WalRecord.Entry(e));
    }
}
