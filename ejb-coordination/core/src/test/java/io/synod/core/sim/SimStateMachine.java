package io.synod.core.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The small replicated service the simulation drives: CAS registers, fenced locks (token = the log index
 * that granted the lock) and counters, with a session table for at-most-once execution (thesis §6.3).
 * Deterministic; every map is sorted so that snapshots of equal states are equal bytes.
 */
public final class SimStateMachine {

    /** The last command applied for a client and its answer, replayed to a retry. */
    private record Session(long seq, SimResult result) {
    }

    private record Holder(int client, long token) {
    }

    private final TreeMap<String, Long> registers = new TreeMap<>();
    private final TreeMap<String, Holder> locks = new TreeMap<>();
    private final TreeMap<String, Long> counters = new TreeMap<>();
    private final TreeMap<Integer, Session> sessions = new TreeMap<>();

    /**
     * Apply the command at log {@code index}. Returns the answer for the client, or empty for a stale
     * duplicate of a command the client has already moved past (nobody waits for it).
     */
    public Optional<SimResult> apply(long index, SimCommand cmd) {
        Session session = sessions.get(cmd.client());
        if (session != null && cmd.seq() == session.seq()) {
            return Optional.of(session.result());
        }
        if (session != null && cmd.seq() < session.seq()) {
            return Optional.empty();
        }
        SimResult result = execute(index, cmd);
        sessions.put(cmd.client(), new Session(cmd.seq(), result));
        return Optional.of(result);
    }

    private SimResult execute(long index, SimCommand cmd) {
        switch (cmd.op()) {
            case PUT -> {
                registers.put(cmd.key(), cmd.a());
                return new SimResult(true, cmd.a());
            }
            case CAS -> {
                Long current = registers.get(cmd.key());
                boolean swap = current != null && current == cmd.a();
                if (swap) {
                    registers.put(cmd.key(), cmd.b());
                }
                return new SimResult(swap, swap ? cmd.b() : current == null ? 0 : current);
            }
            case ACQUIRE -> {
                if (locks.containsKey(cmd.key())) {
                    return new SimResult(false, 0);
                }
                locks.put(cmd.key(), new Holder(cmd.client(), index));
                return new SimResult(true, index);
            }
            case RELEASE -> {
                Holder h = locks.get(cmd.key());
                if (h == null || h.client() != cmd.client()) {
                    return new SimResult(false, 0);
                }
                locks.remove(cmd.key());
                return new SimResult(true, h.token());
            }
            case INCREMENT -> {
                long next = counters.getOrDefault(cmd.key(), 0L) + 1;
                counters.put(cmd.key(), next);
                return new SimResult(true, next);
            }
            default -> throw new IllegalStateException("unknown op " + cmd.op());
        }
    }

    /** A register read (served at a ReadIndex). */
    public SimResult get(String key) {
        Long v = registers.get(key);
        return new SimResult(v != null, v == null ? 0 : v);
    }

    /** A counter read (served at a ReadIndex). */
    public SimResult count(String name) {
        return new SimResult(true, counters.getOrDefault(name, 0L));
    }

    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeLongs(out, registers);
            out.writeInt(locks.size());
            for (Map.Entry<String, Holder> e : locks.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().client());
                out.writeLong(e.getValue().token());
            }
            writeLongs(out, counters);
            out.writeInt(sessions.size());
            for (Map.Entry<Integer, Session> e : sessions.entrySet()) {
                out.writeInt(e.getKey());
                out.writeLong(e.getValue().seq());
                out.writeBoolean(e.getValue().result().ok());
                out.writeLong(e.getValue().result().value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public void restore(byte[] data) {
        registers.clear();
        locks.clear();
        counters.clear();
        sessions.clear();
        if (data.length == 0) {
            return; // the bootstrap snapshot: an empty service
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            readLongs(in, registers);
            for (int i = in.readInt(); i > 0; i--) {
                locks.put(in.readUTF(), new Holder(in.readInt(), in.readLong()));
            }
            readLongs(in, counters);
            for (int i = in.readInt(); i > 0; i--) {
                sessions.put(in.readInt(), new Session(in.readLong(), new SimResult(in.readBoolean(), in.readLong())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLongs(DataOutputStream out, TreeMap<String, Long> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Long> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readLongs(DataInputStream in, TreeMap<String, Long> map) throws IOException {
        for (int i = in.readInt(); i > 0; i--) {
            map.put(in.readUTF(), in.readLong());
        }
    }
}
