package io.synod.core.check;

import java.util.ArrayList;
import java.util.List;

/** Test helper: builds a history line by line so a test reads like the timeline it describes. */
final class History<I, O> {

    private final List<Operation<I, O>> ops = new ArrayList<>();

    History<I, O> op(int client, long invoke, long complete, I input, O output) {
        ops.add(Operation.completed(client, input, output, invoke, complete));
        return this;
    }

    /** A call that timed out: it may or may not have taken effect. */
    History<I, O> unknown(int client, long invoke, I input) {
        ops.add(Operation.unknown(client, input, invoke));
        return this;
    }

    List<Operation<I, O>> ops() {
        return List.copyOf(ops);
    }
}
