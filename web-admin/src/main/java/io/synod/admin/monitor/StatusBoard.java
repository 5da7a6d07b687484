package io.synod.admin.monitor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The members' reports, in the Hazelcast replicated map {@value #MAP_NAME} (node id to encoded
 * {@link MemberReport}). A replicated map answers reads from the local copy, so a dead or frozen member never
 * blocks a console; whether a member is alive is judged from its report still changing, on this node's clock.
 */
public final class StatusBoard {

    static final String MAP_NAME = "synod-member-status";
    private static final Logger LOG = Logger.getLogger(StatusBoard.class.getName());

    private record Seen(long sequence, long changedAtNanos, MemberReport report) {
    }

    private final ReplicatedMap<String, String> map;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public StatusBoard(HazelcastInstance hazelcast) {
        this.map = hazelcast.getReplicatedMap(MAP_NAME);
    }

    public void publish(MemberReport report) {
        map.put(report.nodeId(), report.encode());
    }

    /** Every other member's latest report, with how long ago it last changed. */
    public Map<String, ReceivedReport> others(String selfId, long nowNanos) {
        Map<String, ReceivedReport> out = new HashMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey().equals(selfId)) {
                continue;
            }
            MemberReport report;
            try {
                report = MemberReport.decode(e.getValue());
            } catch (IllegalArgumentException bad) {
                LOG.log(Level.FINE, "ignoring the report of {0}: {1}", new Object[]{e.getKey(), bad.getMessage()});
                continue;
            }
            Seen s = seen.compute(e.getKey(), (id, old) -> old != null && old.sequence() == report.sequence()
                    ? old : new Seen(report.sequence(), nowNanos, report));
            out.put(e.getKey(), new ReceivedReport(s.report(), (nowNanos - s.changedAtNanos()) / 1_000_000));
        }
        return out;
    }
}
