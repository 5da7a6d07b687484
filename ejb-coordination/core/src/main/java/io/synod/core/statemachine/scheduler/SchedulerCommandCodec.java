package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.List;

/**
 * Wire format of a {@link SchedulerCommand} (the payload of a SCHEDULER {@code CommandEnvelope}), version 1:
 * {@code version:u8 | tag:u8 | fields}. Tags are part of the format: never reuse, only append.
 */
public final class SchedulerCommandCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "scheduler command";

    private static final int SUBMIT = 1;
    private static final int CANCEL = 2;
    private static final int ASSIGN = 3;
    private static final int STARTED = 4;
    private static final int RENEW = 5;
    private static final int COMPLETE = 6;
    private static final int FAIL = 7;
    private static final int EXPIRE_LEASES = 8;
    private static final int MEMBER_UP = 9;
    private static final int MEMBER_DOWN = 10;
    private static final int PURGE = 11;

    private SchedulerCommandCodec() {
    }

    public static byte[] encode(SchedulerCommand command) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (command instanceof SchedulerCommand.Submit c) {
            out.writeByte(SUBMIT);
            SchedulerWire.writeSpec(out, c.spec());
        } else if (command instanceof SchedulerCommand.Cancel c) {
            out.writeByte(CANCEL).writeString(c.taskId());
        } else if (command instanceof SchedulerCommand.Assign c) {
            out.writeByte(ASSIGN).writeInt(c.maxAssignments());
        } else if (command instanceof SchedulerCommand.Started c) {
            out.writeByte(STARTED).writeString(c.taskId()).writeLong(c.attemptToken());
        } else if (command instanceof SchedulerCommand.Renew c) {
            out.writeByte(RENEW).writeString(c.taskId()).writeLong(c.attemptToken());
        } else if (command instanceof SchedulerCommand.Complete c) {
            out.writeByte(COMPLETE).writeString(c.taskId()).writeLong(c.attemptToken()).writeBytes(c.result());
        } else if (command instanceof SchedulerCommand.Fail c) {
            out.writeByte(FAIL).writeString(c.taskId()).writeLong(c.attemptToken()).writeString(c.error())
                    .writeBoolean(c.retryable());
        } else if (command instanceof SchedulerCommand.ExpireLeases) {
            out.writeByte(EXPIRE_LEASES);
        } else if (command instanceof SchedulerCommand.Purge c) {
            out.writeByte(PURGE).writeLong(c.retainMillis()).writeInt(c.maxTasks());
        } else if (command instanceof SchedulerCommand.MemberUp c) {
            out.writeByte(MEMBER_UP).writeString(c.member().value()).writeInt(c.capacity())
                    .writeInt(c.handlers().size());
            c.handlers().forEach(out::writeString);
        } else {
            SchedulerCommand.MemberDown c = (SchedulerCommand.MemberDown) command;
            out.writeByte(MEMBER_DOWN).writeString(c.member().value()).writeBoolean(c.condemned());
        }
        return out.toByteArray();
    }

    public static SchedulerCommand decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        SchedulerCommand command = switch (tag) {
            case SUBMIT -> new SchedulerCommand.Submit(SchedulerWire.readSpec(in));
            case CANCEL -> new SchedulerCommand.Cancel(readId(in));
            case ASSIGN -> new SchedulerCommand.Assign(in.readInt("maxAssignments"));
            case STARTED -> new SchedulerCommand.Started(readId(in), in.readLong("attemptToken"));
            case RENEW -> new SchedulerCommand.Renew(readId(in), in.readLong("attemptToken"));
            case COMPLETE -> new SchedulerCommand.Complete(readId(in), in.readLong("attemptToken"),
                    in.readBytes("result", SchedulerWire.MAX_PAYLOAD_BYTES));
            case FAIL -> new SchedulerCommand.Fail(readId(in), in.readLong("attemptToken"),
                    in.readString("error", SchedulerWire.MAX_ERROR_BYTES), in.readBoolean("retryable"));
            case EXPIRE_LEASES -> new SchedulerCommand.ExpireLeases();
            case MEMBER_UP -> readMemberUp(in);
            case MEMBER_DOWN -> new SchedulerCommand.MemberDown(SchedulerWire.readNodeId(in, "member"),
                    in.readBoolean("condemned"));
            case PURGE -> new SchedulerCommand.Purge(in.readLong("retainMillis"), in.readInt("maxTasks"));
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return command;
    }

    private static String readId(WireReader in) throws CodecException {
        return in.readString("taskId", SchedulerWire.MAX_ID_BYTES);
    }

    private static SchedulerCommand.MemberUp readMemberUp(WireReader in) throws CodecException {
        NodeId member = SchedulerWire.readNodeId(in, "member");
        int capacity = in.readInt("capacity");
        int n = in.readCount("handlers", SchedulerLimits.HARD_MAX_HANDLERS, 4);
        List<String> handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handlers.add(in.readString("handler", SchedulerWire.MAX_ID_BYTES));
        }
        return new SchedulerCommand.MemberUp(member, capacity, handlers);
    }
}
