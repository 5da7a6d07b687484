package io.synod.core.sim;

import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The wire between members: every message gets a delivery time drawn from {@link NetworkFaults}, may be
 * dropped or duplicated, and is checked against the current {@link Partition} both when sent and when it
 * arrives (a partition also cuts what is already in flight). Ties in delivery time are broken by send
 * order, so delivery is a pure function of the seed.
 */
public final class SimulatedNetwork {

    private record InFlight(long deliverAt, long seq, int from, int to, Message message) {
    }

    private final Map<NodeId, Integer> index;
    private final Random random;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(
            (a, b) -> a.deliverAt != b.deliverAt ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.seq, b.seq));
    private NetworkFaults faults = NetworkFaults.RELIABLE;
    private Partition partition;
    private long seq;
    private long sent;
    private long dropped;

    public SimulatedNetwork(Map<NodeId, Integer> index, Random random) {
        this.index = Map.copyOf(index);
        this.random = random;
        this.partition = Partition.healed(index.size());
    }

    public void setFaults(NetworkFaults faults) {
        this.faults = faults;
    }

    public void setPartition(Partition partition) {
        this.partition = partition;
    }

    public Partition partition() {
        return partition;
    }

    /**
     * Put {@code message} on the wire. Returns false if the link is cut by the partition (the sender's
     * transport notices: the connection fails); silent loss, like a dropped packet, still returns true.
     */
    public boolean send(Message message, long now) {
        int from = index.get(message.from());
        Integer to = index.get(message.to());
        sent++;
        if (to == null || !partition.allows(from, to)) {
            dropped++;
            return false;
        }
        if (random.nextInt(100) < faults.dropPercent()) {
            dropped++;
            return true;
        }
        enqueue(message, from, to, now);
        if (random.nextInt(100) < faults.duplicatePercent()) {
            enqueue(message, from, to, now);
        }
        return true;
    }

    private void enqueue(Message message, int from, int to, long now) {
        int max = random.nextInt(100) < faults.spikePercent() ? faults.spikeDelay() : faults.maxDelay();
        long delay = faults.minDelay() + random.nextInt(max - faults.minDelay() + 1);
        inFlight.add(new InFlight(now + delay, seq++, from, to, message));
    }

    /**
     * Messages due at {@code now} whose link still works, in delivery order. A message for a node that
     * cannot take it now ({@code paused}) waits for the next unit, as a kernel buffer would.
     */
    public List<Message> deliverDue(long now, java.util.function.IntPredicate paused) {
        List<Message> due = new ArrayList<>();
        List<InFlight> held = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peek().deliverAt <= now) {
            InFlight m = inFlight.poll();
            if (!partition.allows(m.from, m.to)) {
                dropped++;
            } else if (paused.test(m.to)) {
                held.add(new InFlight(now + 1, m.seq, m.from, m.to, m.message));
            } else {
                due.add(m.message);
            }
        }
        inFlight.addAll(held);
        return due;
    }

    /** A crashed node's socket buffers are gone: drop everything addressed to it. */
    public void dropAllTo(int node) {
        inFlight.removeIf(m -> m.to == node);
    }

    public long sent() {
        return sent;
    }

    public long dropped() {
        return dropped;
    }

    public int inFlightCount() {
        return inFlight.size();
    }
}
