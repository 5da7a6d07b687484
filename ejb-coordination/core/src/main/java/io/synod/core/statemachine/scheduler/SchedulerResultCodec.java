package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Wire format of a {@link SchedulerResult}, version 1: {@code version:u8 | tag:u8 | fields}. Results travel back to
 * the client and are remembered by the duplicate filter, so they are bytes like everything else replicated.
 */
public final class SchedulerResultCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "scheduler result";
    private static final int MAX_ITEMS = 1_000_000;

    private static final int SUBMITTED = 1;
    private static final int CANCELLED = 2;
    private static final int ASSIGNED = 3;
    private static final int LEASE_RENEWED = 4;
    private static final int COMPLETED = 5;
    private static final int FAILED = 6;
    private static final int RELEASED = 7;
    private static final int MEMBER_REGISTERED = 8;
    private static final int REJECTED = 9;
    private static final int PURGED = 10;

    private SchedulerResultCodec() {
    }

    public static byte[] encode(SchedulerResult result) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (result instanceof SchedulerResult.Submitted r) {
            out.writeByte(SUBMITTED).writeString(r.taskId()).writeLong(r.readyAtMillis());
        } else if (result instanceof SchedulerResult.Cancelled r) {
            out.writeByte(CANCELLED).writeString(r.taskId()).writeByte(r.previous().code());
        } else if (result instanceof SchedulerResult.Assigned r) {
            out.writeByte(ASSIGNED).writeInt(r.assignments().size());
            r.assignments().forEach(a -> SchedulerWire.writeAssignment(out, a));
        } else if (result instanceof SchedulerResult.LeaseRenewed r) {
            out.writeByte(LEASE_RENEWED).writeString(r.taskId()).writeLong(r.attemptToken())
                    .writeLong(r.leaseExpiresAtMillis());
        } else if (result instanceof SchedulerResult.Completed r) {
            out.writeByte(COMPLETED).writeString(r.taskId()).writeLong(r.attemptToken())
                    .writeBoolean(r.nextRunAtMillis().isPresent());
            r.nextRunAtMillis().ifPresent(out::writeLong);
        } else if (result instanceof SchedulerResult.Failed r) {
            out.writeByte(FAILED).writeString(r.taskId()).writeLong(r.attemptToken()).writeByte(r.now().code())
                    .writeLong(r.readyAtMillis());
        } else if (result instanceof SchedulerResult.Released r) {
            out.writeByte(RELEASED).writeInt(r.tasks().size());
            for (SchedulerResult.ReleasedTask t : r.tasks()) {
                out.writeString(t.taskId()).writeLong(t.attemptToken()).writeString(t.member().value())
                        .writeByte(t.now().code());
            }
        } else if (result instanceof SchedulerResult.Purged r) {
            out.writeByte(PURGED).writeInt(r.taskIds().size());
            r.taskIds().forEach(out::writeString);
        } else if (result instanceof SchedulerResult.MemberRegistered r) {
            out.writeByte(MEMBER_REGISTERED).writeString(r.member().value()).writeInt(r.capacity());
        } else {
            SchedulerResult.Rejected r = (SchedulerResult.Rejected) result;
            out.writeByte(REJECTED).writeByte(r.violation().ordinal()).writeString(r.message());
        }
        return out.toByteArray();
    }

    public static SchedulerResult decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        SchedulerResult result = switch (tag) {
            case SUBMITTED -> new SchedulerResult.Submitted(id(in), in.readLong("readyAt"));
            case CANCELLED -> new SchedulerResult.Cancelled(id(in), SchedulerWire.readState(in, "previous"));
            case ASSIGNED -> readAssigned(in);
            case LEASE_RENEWED -> new SchedulerResult.LeaseRenewed(id(in), in.readLong("token"),
                    in.readLong("leaseExpiresAt"));
            case COMPLETED -> new SchedulerResult.Completed(id(in), in.readLong("token"),
                    in.readBoolean("hasNext") ? OptionalLong.of(in.readLong("nextRunAt")) : OptionalLong.empty());
            case FAILED -> new SchedulerResult.Failed(id(in), in.readLong("token"), SchedulerWire.readState(in, "now"),
                    in.readLong("readyAt"));
            case RELEASED -> readReleased(in);
            case MEMBER_REGISTERED -> new SchedulerResult.MemberRegistered(SchedulerWire.readNodeId(in, "member"),
                    in.readInt("capacity"));
            case REJECTED -> readRejected(in);
            case PURGED -> readPurged(in);
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return result;
    }

    private static String id(WireReader in) throws CodecException {
        return in.readString("taskId", SchedulerWire.MAX_ID_BYTES);
    }

    private static SchedulerResult.Assigned readAssigned(WireReader in) throws CodecException {
        int n = in.readCount("assignments", MAX_ITEMS, 38);
        List<Assignment> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(SchedulerWire.readAssignment(in));
        }
        return new SchedulerResult.Assigned(list);
    }

    private static SchedulerResult.Released readReleased(WireReader in) throws CodecException {
        int n = in.readCount("released", MAX_ITEMS, 17);
        List<SchedulerResult.ReleasedTask> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new SchedulerResult.ReleasedTask(id(in), in.readLong("token"),
                    SchedulerWire.readNodeId(in, "member"), SchedulerWire.readState(in, "now")));
        }
        return new SchedulerResult.Released(list);
    }

    private static SchedulerResult.Purged readPurged(WireReader in) throws CodecException {
        int n = in.readCount("purged", MAX_ITEMS, 5);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(id(in));
        }
        return new SchedulerResult.Purged(ids);
    }

    private static SchedulerResult.Rejected readRejected(WireReader in) throws CodecException {
        int v = in.readByte("violation");
        if (v >= SchedulerViolation.values().length) {
            throw new CodecException("violation: unknown " + v);
        }
        return new SchedulerResult.Rejected(SchedulerViolation.values()[v],
                in.readString("message", SchedulerWire.MAX_ERROR_BYTES));
    }
}
