package io.synod.core.statemachine.session;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;

import java.util.List;

/** A session service driven entry by entry: each command gets the next log index and the current leader time. */
final class Sessions {

    final SessionStateMachine machine;
    long index;
    long now;

    Sessions(SessionLimits limits) {
        this.machine = new SessionStateMachine(limits);
    }

    Sessions at(long time) {
        now = time;
        return this;
    }

    SessionResult apply(SessionCommand command) {
        return applyBytes(SessionCommandCodec.encode(command));
    }

    SessionResult applyBytes(byte[] payload) {
        index++;
        byte[] result = machine.apply(new AppliedCommand(index, now,
                new CommandEnvelope(ClientId.of("test"), index, now, ServiceId.SESSIONS, payload)));
        try {
            return SessionResultCodec.decode(result);
        } catch (CodecException e) {
            throw new AssertionError("the machine answered undecodable bytes", e);
        }
    }

    SessionResult open(String id, long ttl) {
        return apply(new SessionCommand.Open(id, "node-" + id, ttl));
    }

    SessionResult keepAlive(String id) {
        return apply(new SessionCommand.KeepAlive(id));
    }

    SessionResult close(String id) {
        return apply(new SessionCommand.Close(id));
    }

    SessionResult expire(String... ids) {
        return apply(new SessionCommand.Expire(List.of(ids)));
    }

    SessionView view() {
        return machine.view();
    }
}
