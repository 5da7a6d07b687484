package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The duplicate filter of thesis §6.3: per client, the last applied sequence number and its result, so a retried
 * command is answered from here instead of being applied twice.
 *
 * <p>A client's first command must carry sequence 1; that is how a brand-new client is told apart from one whose
 * session was forgotten (see {@link SessionVerdict.Unknown}). Sessions are forgotten deterministically: when idle
 * for longer than the policy's timeout in <em>leader</em> time, or — least recently active first — when the table
 * is full. Both indexes are sorted maps, so iteration and therefore snapshots are identical on every replica.
 */
public final class ClientSessions {

    /** Bound on the number of sessions a snapshot may claim to hold, before allocating anything. */
    static final int MAX_SNAPSHOT_SESSIONS = 16 * 1024 * 1024;
    /** Bound on one remembered result in a snapshot. */
    static final int MAX_RESULT_BYTES = EnvelopeCodec.MAX_PAYLOAD_BYTES;

    private static final Comparator<ClientSession> BY_ACTIVITY =
            Comparator.comparingLong(ClientSession::lastActiveMillis).thenComparing(ClientSession::clientId);

    private final ClientSessionPolicy policy;
    private final TreeMap<ClientId, ClientSession> byClient = new TreeMap<>();
    private final TreeSet<ClientSession> byActivity = new TreeSet<>(BY_ACTIVITY);

    public ClientSessions(ClientSessionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public ClientSessionPolicy policy() {
        return policy;
    }

    public SessionVerdict check(ClientId clientId, long sequence) {
        ClientSession session = byClient.get(clientId);
        if (session == null) {
            return sequence == 1 ? new SessionVerdict.Fresh() : new SessionVerdict.Unknown();
        }
        if (sequence == session.lastSequence()) {
            return new SessionVerdict.Duplicate(session.lastResult());
        }
        if (sequence < session.lastSequence()) {
            return new SessionVerdict.Stale(session.lastSequence());
        }
        return new SessionVerdict.Fresh();
    }

    /** Remember that {@code sequence} was applied with {@code result}; evicts the least active client if full. */
    public void record(ClientId clientId, long sequence, byte[] result, long nowMillis) {
        remove(clientId);
        put(new ClientSession(clientId, sequence, result, nowMillis));
        while (byClient.size() > policy.maxClients()) {
            remove(byActivity.first().clientId());
        }
    }

    /** Forget every client idle for at least the policy's timeout at {@code nowMillis}; returns how many. */
    public int expireIdle(long nowMillis) {
        int removed = 0;
        while (!byActivity.isEmpty()
                && nowMillis - byActivity.first().lastActiveMillis() >= policy.idleTimeoutMillis()) {
            remove(byActivity.first().clientId());
            removed++;
        }
        return removed;
    }

    public Optional<ClientSession> session(ClientId clientId) {
        return Optional.ofNullable(byClient.get(clientId));
    }

    public int size() {
        return byClient.size();
    }

    /** Sessions in client-id order: deterministic bytes for equal tables. */
    void writeTo(WireWriter out) {
        out.writeInt(byClient.size());
        for (ClientSession s : byClient.values()) {
            out.writeString(s.clientId().value());
            out.writeLong(s.lastSequence());
            out.writeLong(s.lastActiveMillis());
            out.writeBytes(s.lastResult());
        }
    }

    /** Decode a table written by {@link #writeTo}; the caller swaps it in only if the whole snapshot decodes. */
    static ClientSessions readFrom(WireReader in, ClientSessionPolicy policy) throws CodecException {
        ClientSessions table = new ClientSessions(policy);
        int n = in.readCount("sessions.count", MAX_SNAPSHOT_SESSIONS, 24);
        for (int i = 0; i < n; i++) {
            String id = in.readString("session.clientId", ClientId.MAX_BYTES);
            long sequence = in.readLongAtLeast("session.sequence", 1);
            long active = in.readLongAtLeast("session.lastActive", 0);
            byte[] result = in.readBytes("session.result", MAX_RESULT_BYTES);
            ClientSession session;
            try {
                session = new ClientSession(new ClientId(id), sequence, result, active);
            } catch (IllegalArgumentException e) {
                throw new CodecException("session: " + e.getMessage());
            }
            // Written in client order; anything else (including a duplicate) is not this format.
            if (!table.byClient.isEmpty() && table.byClient.lastKey().compareTo(session.clientId()) >= 0) {
                throw new CodecException("sessions: client ids not strictly ascending at " + id);
            }
            table.put(session);
        }
        return table;
    }

    void replaceWith(ClientSessions other) {
        byClient.clear();
        byActivity.clear();
        other.byClient.values().forEach(this::put);
    }

    private void put(ClientSession session) {
        byClient.put(session.clientId(), session);
        byActivity.add(session);
    }

    private void remove(ClientId clientId) {
        ClientSession old = byClient.remove(clientId);
        if (old != null) {
            byActivity.remove(old);
        }
    }
}
