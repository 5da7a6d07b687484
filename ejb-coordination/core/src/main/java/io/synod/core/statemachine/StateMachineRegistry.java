package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.EntryType;
import io.synod.core.consensus.LogEntry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The replicated state of one group: routes committed entries to the services it hosts, filters duplicates
 * (thesis §6.3), keeps the group's deterministic clock, and snapshots all of it as one image.
 *
 * <p>Apply order for a NORMAL entry with a payload: decode the envelope, advance the clock to
 * {@code max(clock, leader time)}, forget idle clients, consult the duplicate filter, then (if fresh) hand the
 * command to its service and remember the result. Every step depends only on the entry and the prior state.
 *
 * <p>Not thread-safe: owned by the shell's event loop.
 */
public final class StateMachineRegistry {

    public static final int SNAPSHOT_VERSION = 1;
    private static final String FORMAT = "registry snapshot";
    private static final int MAX_SERVICE_SNAPSHOT_BYTES = Integer.MAX_VALUE - 64;

    private final Map<ServiceId, StateMachine> services = new EnumMap<>(ServiceId.class);
    private final ClientSessions sessions;
    private long lastApplied;
    private long clockMillis;

    public StateMachineRegistry(ClientSessionPolicy policy, Collection<? extends StateMachine> machines) {
        this.sessions = new ClientSessions(policy);
        for (StateMachine machine : machines) {
            if (services.putIfAbsent(machine.service(), machine) != null) {
                throw new IllegalArgumentException("two state machines for " + machine.service());
            }
        }
    }

    /**
     * Apply one committed entry. Entries must arrive in log order without gaps; an entry at or below
     * {@link #lastApplied()} (a replay after a restore) is skipped, which makes re-delivery harmless.
     *
     * @throws IllegalStateException if {@code entry} skips an index: the shell lost an entry, a bug that must stop
     *                               the node rather than silently diverge
     */
    public ApplyOutcome apply(LogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        long index = entry.index();
        if (index <= lastApplied) {
            return new ApplyOutcome.Skipped(index);
        }
        if (index != lastApplied + 1) {
            throw new IllegalStateException("gap in applied log: last applied " + lastApplied + ", got " + index);
        }
        lastApplied = index;
        if (entry.type() != EntryType.NORMAL || entry.data().length == 0) {
            return new ApplyOutcome.Skipped(index);
        }
        CommandEnvelope envelope;
        try {
            envelope = EnvelopeCodec.decode(entry.data());
        } catch (CodecException e) {
            return new ApplyOutcome.Rejected(index, e.getMessage());
        }
        return applyEnvelope(index, envelope);
    }

    private ApplyOutcome applyEnvelope(long index, CommandEnvelope envelope) {
        // The clock never runs backwards, even if a new leader's wall clock lags the old one's.
        clockMillis = Math.max(clockMillis, envelope.leaderTimeMillis());
        sessions.expireIdle(clockMillis);
        StateMachine machine = services.get(envelope.service());
        if (machine == null) {
            return new ApplyOutcome.Rejected(index, "service " + envelope.service() + " is not hosted here");
        }
        ClientId client = envelope.clientId();
        long seq = envelope.sequence();
        SessionVerdict verdict = sessions.check(client, seq);
        if (verdict instanceof SessionVerdict.Duplicate d) {
            return new ApplyOutcome.Duplicate(index, client, seq, d.cachedResult());
        }
        if (verdict instanceof SessionVerdict.Stale s) {
            return new ApplyOutcome.Stale(index, client, seq, s.lastSequence());
        }
        if (verdict instanceof SessionVerdict.Unknown) {
            return new ApplyOutcome.SessionExpired(index, client, seq);
        }
        byte[] result = machine.apply(new AppliedCommand(index, clockMillis, envelope));
        sessions.record(client, seq, result, clockMillis);
        return new ApplyOutcome.Applied(index, client, seq, result);
    }

    public long lastApplied() {
        return lastApplied;
    }

    /** The group's deterministic time: the highest leader time applied so far. */
    public long clockMillis() {
        return clockMillis;
    }

    public Optional<StateMachine> service(ServiceId id) {
        return Optional.ofNullable(services.get(id));
    }

    public Optional<ClientSession> session(ClientId clientId) {
        return sessions.session(clientId);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /**
     * The whole group state: {@code version | lastApplied | clock | sessions | count | (serviceCode, bytes)*},
     * services in {@link ServiceId} order.
     */
    public byte[] snapshot() {
        WireWriter out = new WireWriter(1024);
        out.writeByte(SNAPSHOT_VERSION);
        out.writeLong(lastApplied);
        out.writeLong(clockMillis);
        sessions.writeTo(out);
        out.writeInt(services.size());
        for (Map.Entry<ServiceId, StateMachine> e : services.entrySet()) {
            out.writeByte(e.getKey().code());
            out.writeBytes(e.getValue().snapshot());
        }
        return out.toByteArray();
    }

    /**
     * Replace the whole state with {@code snapshot}. All-or-nothing: the outer image is decoded completely first,
     * and if a service refuses its part, the services already restored are put back as they were.
     */
    public void restore(byte[] snapshot) throws CodecException {
        WireReader in = new WireReader(snapshot);
        in.expectVersion(SNAPSHOT_VERSION, FORMAT);
        long applied = in.readLongAtLeast("lastApplied", 0);
        long clock = in.readLongAtLeast("clock", 0);
        ClientSessions restoredSessions = ClientSessions.readFrom(in, sessions.policy());
        int n = in.readCount("services.count", ServiceId.values().length, 5);
        Map<ServiceId, byte[]> parts = new EnumMap<>(ServiceId.class);
        int previousCode = 0;
        for (int i = 0; i < n; i++) {
            int code = in.readByte("service.code");
            ServiceId id = ServiceId.fromCode(code)
                    .orElseThrow(() -> new CodecException("service: unknown code " + code));
            if (code <= previousCode) {
                throw new CodecException("services: codes not strictly ascending at " + id);
            }
            previousCode = code;
            parts.put(id, in.readBytes("service.snapshot", MAX_SERVICE_SNAPSHOT_BYTES));
        }
        in.expectEnd(FORMAT);
        if (!parts.keySet().equals(services.keySet())) {
            throw new CodecException("snapshot holds services " + parts.keySet() + " but this group hosts "
                    + services.keySet());
        }
        restoreServices(parts);
        sessions.replaceWith(restoredSessions);
        lastApplied = applied;
        clockMillis = clock;
    }

    private void restoreServices(Map<ServiceId, byte[]> parts) throws CodecException {
        Map<ServiceId, byte[]> backups = new EnumMap<>(ServiceId.class);
        List<ServiceId> done = new ArrayList<>();
        try {
            for (Map.Entry<ServiceId, byte[]> part : parts.entrySet()) {
                StateMachine machine = services.get(part.getKey());
                backups.put(part.getKey(), machine.snapshot());
                machine.restore(part.getValue());
                done.add(part.getKey());
            }
        } catch (CodecException e) {
            for (ServiceId id : done) {
                // A backup is this very build's own snapshot of a live state: it must restore.
                services.get(id).restore(backups.get(id));
            }
            throw e;
        }
    }
}
