package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot format of a {@link SchedulerStateMachine}, version 1:
 * {@code version | lastApplied | count | member* (name order) | count | task* (id order)}. Equal states give
 * equal bytes because both lists come out of sorted maps; decoding insists on that order (and on no duplicate),
 * so a snapshot has exactly one encoding.
 */
final class SchedulerSnapshotCodec {

    static final int VERSION = 1;
    private static final String FORMAT = "scheduler snapshot";
    private static final int MAX_ITEMS = Integer.MAX_VALUE - 8;

    record Decoded(long lastApplied, SchedulerImage image) {
    }

    private SchedulerSnapshotCodec() {
    }

    static byte[] encode(long lastApplied, SchedulerImage image) {
        WireWriter out = new WireWriter(256);
        out.writeByte(VERSION);
        out.writeLong(lastApplied);
        out.writeInt(image.members().size());
        image.members().forEach(m -> SchedulerWire.writeMember(out, m));
        out.writeInt(image.tasks().size());
        image.tasks().forEach(t -> SchedulerWire.writeTask(out, t));
        return out.toByteArray();
    }

    static Decoded decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        long lastApplied = in.readLongAtLeast("lastApplied", 0);
        int memberCount = in.readCount("members.count", MAX_ITEMS, 12);
        List<Member> members = new ArrayList<>(memberCount);
        for (int i = 0; i < memberCount; i++) {
            Member m = SchedulerWire.readMember(in);
            if (!members.isEmpty() && members.get(members.size() - 1).name().compareTo(m.name()) >= 0) {
                throw new CodecException("members: names not strictly ascending at " + m.name());
            }
            members.add(m);
        }
        int taskCount = in.readCount("tasks.count", MAX_ITEMS, SchedulerWire.MIN_TASK_BYTES);
        List<Task> tasks = new ArrayList<>(taskCount);
        for (int i = 0; i < taskCount; i++) {
            Task t = SchedulerWire.readTask(in);
            if (!tasks.isEmpty() && tasks.get(tasks.size() - 1).id().compareTo(t.id()) >= 0) {
                throw new CodecException("tasks: ids not strictly ascending at " + t.id());
            }
            tasks.add(t);
        }
        in.expectEnd(FORMAT);
        return new Decoded(lastApplied, new SchedulerImage(members, tasks));
    }
}
