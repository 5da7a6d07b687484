package io.synod.core.codec;

import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.raft.RaftMessage;
import io.synod.core.raft.RaftMessageCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.synod.core.codec.RaftMessageSamples.N1;
import static io.synod.core.codec.RaftMessageSamples.N2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second engine's family plugs in beside Raft by its own tag range, and cannot shadow Raft's. */
class MessageCodecRegistryTest {

    /** Stands in for a future engine's family (Multi-Paxos will own 0x0200..0x02FF). */
    record Prepare(long groupId, NodeId from, NodeId to, long ballot) implements Message {
    }

    static final class PrepareFamily implements MessageFamilyCodec<Prepare> {
        private final int first;
        private final int last;

        PrepareFamily(int first, int last) {
            this.first = first;
            this.last = last;
        }

        @Override
        public String family() {
            return "toy-paxos";
        }

        @Override
        public Class<Prepare> messageType() {
            return Prepare.class;
        }

        @Override
        public int firstTag() {
            return first;
        }

        @Override
        public int lastTag() {
            return last;
        }

        @Override
        public int tagOf(Prepare message) {
            return first;
        }

        @Override
        public void checkLimits(Prepare message, MessageLimits limits) {
            // fixed size: nothing can exceed a limit
        }

        @Override
        public void writeBody(Prepare message, WireWriter out) {
            out.writeLong(message.ballot());
        }

        @Override
        public Prepare readBody(int tag, MessageHeader h, WireReader in, MessageLimits limits) throws CodecException {
            if (tag != first) {
                throw new CodecException("toy-paxos: unknown tag " + tag);
            }
            return new Prepare(h.groupId(), h.from(), h.to(), in.readLongAtLeast("ballot", 0));
        }
    }

    @Test
    void twoFamiliesShareOneEnvelope() throws CodecException {
        MessageCodec codec = new MessageCodec(MessageLimits.DEFAULT,
                List.of(new PrepareFamily(0x0200, 0x02FF), new RaftMessageCodec()));
        Prepare prepare = new Prepare(4, N1, N2, 99);
        RaftMessage vote = RaftMessageSamples.all().get(4);

        assertThat(codec.decode(codec.encode(prepare))).isEqualTo(prepare);
        assertThat(codec.decode(codec.encode(vote))).isEqualTo(vote);
    }

    @Test
    void aFrameOfAnUnregisteredFamilyIsRefused() {
        MessageCodec both = new MessageCodec(MessageLimits.DEFAULT,
                List.of(new PrepareFamily(0x0200, 0x02FF), new RaftMessageCodec()));
        byte[] paxosFrame = both.encode(new Prepare(4, N1, N2, 99));
        MessageCodec raftOnly = RaftMessageCodec.standalone(MessageLimits.DEFAULT);

        assertThatThrownBy(() -> raftOnly.decode(paxosFrame)).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown message tag 512");
        assertThatThrownBy(() -> raftOnly.encode(new Prepare(4, N1, N2, 99)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no codec registered");
    }

    @Test
    void overlappingOrInvalidRangesAreRefused() {
        assertThatThrownBy(() -> new MessageCodec(MessageLimits.DEFAULT,
                List.of(new RaftMessageCodec(), new PrepareFamily(0x01F0, 0x02FF))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> new MessageCodec(MessageLimits.DEFAULT, List.of(new PrepareFamily(0, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> new MessageCodec(MessageLimits.DEFAULT, List.of(new PrepareFamily(0x300, 0x10000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..65535");
    }
}
