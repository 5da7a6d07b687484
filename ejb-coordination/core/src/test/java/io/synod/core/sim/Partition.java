package io.synod.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which directed links work. Built by the shapes Jepsen's nemeses use; {@link #healed} connects everyone.
 *
 * @param name    for the trace and failure reports
 * @param canSend {@code canSend[from][to]}
 */
public record Partition(String name, boolean[][] canSend) {

    public boolean allows(int from, int to) {
        return from == to || canSend[from][to];
    }

    public static Partition healed(int n) {
        boolean[][] m = new boolean[n][n];
        for (boolean[] row : m) {
            java.util.Arrays.fill(row, true);
        }
        return new Partition("healed", m);
    }

    /** Two sides chosen at random; links between sides are cut both ways. */
    public static Partition randomSplit(List<Integer> members, int n, Random random) {
        List<Integer> shuffled = shuffled(members, random);
        int cut = 1 + random.nextInt(Math.max(1, shuffled.size() - 1));
        return split("split" + shuffled.subList(0, cut), n, shuffled.subList(0, cut));
    }

    /** {@code node} alone (with {@code companions}) on one side: the classic deposed-leader setup. */
    public static Partition isolate(int node, List<Integer> companions, int n) {
        List<Integer> side = new ArrayList<>(companions);
        side.add(0, node);
        return split("isolate" + side, n, side);
    }

    /**
     * Each member sees only its ring neighbours (and itself): with five members everyone sees a majority,
     * but no two majorities are the same set.
     */
    public static Partition majoritiesRing(List<Integer> members, int n, Random random) {
        List<Integer> ring = shuffled(members, random);
        boolean[][] m = new boolean[n][n];
        int size = ring.size();
        for (int i = 0; i < size; i++) {
            int a = ring.get(i);
            // Neighbours only: with five members everyone sees exactly three (a majority).
            int b = ring.get((i + 1) % size);
            m[a][b] = m[b][a] = true;
        }
        return new Partition("ring" + ring, m);
    }

    /** Two halves that can only talk through one bridge member, who sees both. */
    public static Partition bridge(List<Integer> members, int n, Random random) {
        List<Integer> order = shuffled(members, random);
        int bridge = order.get(0);
        List<Integer> rest = order.subList(1, order.size());
        int half = rest.size() / 2;
        boolean[][] m = new boolean[n][n];
        for (int i = 0; i < rest.size(); i++) {
            for (int j = 0; j < rest.size(); j++) {
                m[rest.get(i)][rest.get(j)] = (i < half) == (j < half);
            }
            m[bridge][rest.get(i)] = m[rest.get(i)][bridge] = true;
        }
        return new Partition("bridge@" + bridge + rest, m);
    }

    /** One directed link cut: {@code from} can no longer reach {@code to}, but hears from it. */
    public static Partition oneWay(int from, int to, int n) {
        Partition p = healed(n);
        p.canSend[from][to] = false;
        return new Partition("oneway" + from + "->" + to, p.canSend);
    }

    private static Partition split(String name, int n, List<Integer> side) {
        boolean[][] m = new boolean[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                m[a][b] = side.contains(a) == side.contains(b);
            }
        }
        return new Partition(name, m);
    }

    private static List<Integer> shuffled(List<Integer> members, Random random) {
        List<Integer> list = new ArrayList<>(members);
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
        return list;
    }

    @Override
    public String toString() {
        return name;
    }
}
