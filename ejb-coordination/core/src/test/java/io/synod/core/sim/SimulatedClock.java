package io.synod.core.sim;

/**
 * Logical time for the whole simulation, plus each node's view of it. Nothing sleeps: {@link #advance()}
 * moves time forward one unit and the simulation does whatever falls due.
 *
 * <p>A node ticks its engine once per {@code period} units. Periods differ per node when the fault plan
 * asks for clock skew (a slow node ticks less often, so its election timeout and its check-quorum window
 * last longer in real time), and a node can be paused (a GC pause or a stopped VM: no ticks and no
 * message processing until the pause ends, after which it resumes as if nothing happened).
 */
public final class SimulatedClock {

    /** Units per engine tick at nominal speed: fine enough for message delays of a fraction of a tick. */
    public static final int UNITS_PER_TICK = 10;

    private final long[] period;
    private final long[] nextTick;
    private final long[] pausedUntil;
    private long now;

    public SimulatedClock(int nodes) {
        period = new long[nodes];
        nextTick = new long[nodes];
        pausedUntil = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            period[i] = UNITS_PER_TICK;
            nextTick[i] = UNITS_PER_TICK;
        }
    }

    public long now() {
        return now;
    }

    public void advance() {
        now++;
    }

    /** Set node {@code node}'s tick period in units (10 = nominal, 20 = half speed, 5 = double speed). */
    public void setPeriod(int node, long units) {
        if (units < 1) {
            throw new IllegalArgumentException("period must be >= 1");
        }
        period[node] = units;
    }

    public long period(int node) {
        return period[node];
    }

    /** Whether node {@code node} should tick now; if so, schedules its next tick. */
    public boolean tickDue(int node) {
        if (isPaused(node) || now < nextTick[node]) {
            return false;
        }
        nextTick[node] = now + period[node];
        return true;
    }

    public void pause(int node, long units) {
        pausedUntil[node] = Math.max(pausedUntil[node], now + units);
    }

    public boolean isPaused(int node) {
        return now < pausedUntil[node];
    }

    public void unpauseAll() {
        java.util.Arrays.fill(pausedUntil, 0);
    }

    /** A restarted process starts its tick schedule afresh. */
    public void restart(int node) {
        nextTick[node] = now + period[node];
        pausedUntil[node] = 0;
    }
}
