package io.synod.core.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a concurrent history is linearizable with respect to a {@link Model}: the Wing &amp; Gong
 * search with Lowe's memoisation, as Porcupine does it.
 *
 * <p>The history of each key is turned into a time-ordered list of call and return events. The search
 * walks that list: at a call it tries to linearize the operation now (apply it to the model and lift
 * both its events out of the list); reaching a return whose call is still in the list means the prefix
 * chosen so far cannot be extended, so it backtracks. A (linearized-set, model-state) pair that was
 * already explored is never explored again, which turns the exponential search into something usually
 * fast. The search is bounded by a step budget rather than wall-clock time so that the verdict (and the
 * simulation seed that produced it) is reproducible.
 */
public final class LinearizabilityChecker {

    /** Budget per key large enough for the simulation's histories, small enough to stay in milliseconds. */
    public static final long DEFAULT_STEP_BUDGET = 2_000_000;

    private final long stepBudgetPerKey;

    public LinearizabilityChecker(long stepBudgetPerKey) {
        if (stepBudgetPerKey < 1) {
            throw new IllegalArgumentException("step budget must be >= 1");
        }
        this.stepBudgetPerKey = stepBudgetPerKey;
    }

    public LinearizabilityChecker() {
        this(DEFAULT_STEP_BUDGET);
    }

    public <S, I, O> CheckResult check(Model<S, I, O> model, List<Operation<I, O>> history) {
        // TreeMap: keys are checked in a fixed order, so the explanation is reproducible.
        Map<String, List<Operation<I, O>>> byKey = new TreeMap<>();
        for (Operation<I, O> op : history) {
            byKey.computeIfAbsent(model.partitionKey(op.input()), k -> new ArrayList<>()).add(op);
        }
        long steps = 0;
        boolean exhausted = false;
        for (Map.Entry<String, List<Operation<I, O>>> e : byKey.entrySet()) {
            KeySearch<S, I, O> search = new KeySearch<>(model, e.getValue(), stepBudgetPerKey);
            CheckResult.Verdict verdict = search.run();
            steps += search.steps;
            if (verdict == CheckResult.Verdict.ILLEGAL) {
                return new CheckResult(verdict, Optional.of(search.explain(e.getKey())), steps);
            }
            exhausted |= verdict == CheckResult.Verdict.UNKNOWN;
        }
        return new CheckResult(exhausted ? CheckResult.Verdict.UNKNOWN : CheckResult.Verdict.OK, Optional.empty(), steps);
    }

    /** One event of the doubly linked call/return list. A call points at its return ({@code match}). */
    private static final class Event {
        final int op;
        final long time;
        final Event match; // null for a return event
        Event prev;
        Event next;

        Event(int op, long time, Event match) {
            this.op = op;
            this.time = time;
            this.match = match;
        }

        boolean isCall() {
            return match != null;
        }
    }

    private record Explored<S>(BitSet linearized, S state) {
    }

    private record Frame<S>(Event call, S stateBefore) {
    }

    /** The search over one key's sub-history. */
    private static final class KeySearch<S, I, O> {
        private final Model<S, I, O> model;
        private final List<Operation<I, O>> ops;
        private final long budget;
        private final Event head = new Event(-1, Long.MIN_VALUE, null);
        private List<Integer> longest = List.of();
        long steps;

        KeySearch(Model<S, I, O> model, List<Operation<I, O>> ops, long budget) {
            this.model = model;
            this.ops = ops;
            this.budget = budget;
            link();
        }

        /**
         * Orders events by time; at equal times calls come before returns, so operations that merely
         * touch are treated as concurrent (the conservative reading of a logical clock).
         */
        private void link() {
            List<Event> events = new ArrayList<>(2 * ops.size());
            for (int i = 0; i < ops.size(); i++) {
                Operation<I, O> op = ops.get(i);
                Event ret = new Event(i, op.completeTime(), null);
                events.add(new Event(i, op.invokeTime(), ret));
                events.add(ret);
            }
            events.sort(Comparator.comparingLong((Event e) -> e.time)
                    .thenComparing(e -> e.isCall() ? 0 : 1)
                    .thenComparingInt(e -> e.op));
            Event prev = head;
            for (Event e : events) {
                prev.next = e;
                e.prev = prev;
                prev = e;
            }
        }

        CheckResult.Verdict run() {
            BitSet linearized = new BitSet(ops.size());
            Set<Explored<S>> explored = new HashSet<>();
            Deque<Frame<S>> stack = new ArrayDeque<>();
            S state = model.initialState();
            Event entry = head.next;
            while (head.next != null) {
                if (++steps > budget) {
                    return CheckResult.Verdict.UNKNOWN;
                }
                if (entry.isCall()) {
                    Operation<I, O> op = ops.get(entry.op);
                    Optional<S> next = model.step(state, op.input(), op.output());
                    if (next.isPresent()) {
                        BitSet withOp = (BitSet) linearized.clone();
                        withOp.set(entry.op);
                        if (explored.add(new Explored<>(withOp, next.get()))) {
                            stack.push(new Frame<>(entry, state));
                            state = next.get();
                            linearized.set(entry.op);
                            lift(entry);
                            entry = head.next;
                            continue;
                        }
                    }
                    entry = entry.next;
                } else {
                    // A return whose call is still pending: the current prefix is a dead end.
                    if (stack.isEmpty()) {
                        return CheckResult.Verdict.ILLEGAL;
                    }
                    rememberIfLongest(stack);
                    Frame<S> top = stack.pop();
                    state = top.stateBefore();
                    linearized.clear(top.call().op);
                    unlift(top.call());
                    entry = top.call().next;
                }
            }
            return CheckResult.Verdict.OK;
        }

        private void rememberIfLongest(Deque<Frame<S>> stack) {
            if (stack.size() > longest.size()) {
                List<Integer> prefix = new ArrayList<>(stack.size());
                stack.descendingIterator().forEachRemaining(f -> prefix.add(f.call().op));
                longest = prefix;
            }
        }

        CheckResult.Explanation explain(String key) {
            List<String> prefix = new ArrayList<>(longest.size());
            for (int op : longest) {
                prefix.add(ops.get(op).toString());
            }
            return new CheckResult.Explanation(key, ops.size(), List.copyOf(prefix));
        }

        /** Remove a call and its return from the list (the operation is now linearized). */
        private static void lift(Event call) {
            call.prev.next = call.next;
            call.next.prev = call.prev; // a call is always followed by at least its own return
            Event ret = call.match;
            ret.prev.next = ret.next;
            if (ret.next != null) {
                ret.next.prev = ret.prev;
            }
        }

        /** Undo {@link #lift}: relink in the reverse order so the neighbours' pointers are valid again. */
        private static void unlift(Event call) {
            Event ret = call.match;
            ret.prev.next = ret;
            if (ret.next != null) {
                ret.next.prev = ret;
            }
            call.prev.next = call;
            call.next.prev = call;
        }
    }
}
