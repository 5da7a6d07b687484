package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

/** A test service that counts what it applies and answers with the count; its snapshot is the count. */
final class CountingMachine implements StateMachine {

    private final ServiceId id;
    private long applied;
    private long lastApplied;
    boolean refuseRestore;

    CountingMachine(ServiceId id) {
        this.id = id;
    }

    long applied() {
        return applied;
    }

    @Override
    public ServiceId service() {
        return id;
    }

    @Override
    public byte[] apply(AppliedCommand command) {
        applied++;
        lastApplied = command.index();
        return new WireWriter().writeLong(applied).writeLong(command.timeMillis()).toByteArray();
    }

    @Override
    public long lastApplied() {
        return lastApplied;
    }

    @Override
    public byte[] snapshot() {
        return new WireWriter().writeLong(applied).writeLong(lastApplied).toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) throws CodecException {
        if (refuseRestore) {
            throw new CodecException("refused for the test");
        }
        WireReader in = new WireReader(snapshot);
        long a = in.readLong("applied");
        long l = in.readLong("lastApplied");
        in.expectEnd("counting");
        applied = a;
        lastApplied = l;
    }
}
