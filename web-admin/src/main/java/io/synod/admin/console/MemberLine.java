package io.synod.admin.console;

import io.synod.admin.monitor.DiskUsage;
import io.synod.admin.monitor.Health;
import io.synod.admin.monitor.MemberRow;

import java.util.Locale;

/** One member row as the overview prints it (every unknown value is {@value Display#UNKNOWN}). */
public record MemberLine(String nodeId, boolean local, boolean leader, String address, String role,
                         String membership, String term, String commitIndex, String appliedIndex, String lag,
                         String lastContact, String health, String healthStyle, String dataDir, String wal,
                         String snapshots) {

    public static MemberLine of(MemberRow row) {
        String u = Display.UNKNOWN;
        return new MemberLine(row.nodeId(), row.local(), row.leader(), row.address().orElse(u),
                row.role().map(r -> r.toLowerCase(Locale.ROOT).replace('_', '-')).orElse(u),
                row.membership().orElse(u),
                Display.number(row.term()), Display.number(row.commitIndex()), Display.number(row.appliedIndex()),
                Display.number(row.lag()),
                row.local() ? "this node" : Display.ago(row.lastContactMillis()),
                row.health().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                "health-" + row.health().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                row.disk().map(DiskUsage::dataDirBytes).map(Display::bytes).orElse(u),
                row.disk().map(DiskUsage::walBytes).map(Display::bytes).orElse(u),
                row.disk().map(DiskUsage::snapshotBytes).map(Display::bytes).orElse(u));
    }

    public boolean isUnreachable() {
        return health.equals(Health.UNREACHABLE.name().toLowerCase(Locale.ROOT));
    }
}
