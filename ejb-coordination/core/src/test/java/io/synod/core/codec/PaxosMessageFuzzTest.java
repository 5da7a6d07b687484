package io.synod.core.codec;

import io.synod.core.consensus.Message;
import io.synod.core.paxos.PaxosMessageCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames come from the network: random bytes and mutated valid frames must decode to a valid message or fail
 * with {@link CodecException}, never with anything else (see {@link CodecFuzz}). Seeds are fixed so a failure
 * replays; the failure message names seed and iteration.
 */
class PaxosMessageFuzzTest {

    private static final int ITERATIONS = 10_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 42, 20261125})
    void mutatedFramesDecodeOrFailCleanly(long seed) {
        MessageCodec codec = PaxosMessageCodec.standalone(MessageLimits.DEFAULT);
        List<byte[]> valid = PaxosMessageSamples.all().stream().map(codec::encode).toList();

        int accepted = CodecFuzz.run(seed, ITERATIONS, valid, codec::decode, codec::encode);

        // both outcomes must occur, or the fuzzer is not reaching past the first checks
        assertThat(accepted).isBetween(1, ITERATIONS - 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void tightLimitsHoldUnderMutation(long seed) {
        MessageCodec generous = PaxosMessageCodec.standalone(MessageLimits.DEFAULT);
        MessageCodec tight = PaxosMessageCodec.standalone(new MessageLimits(256, 2, 8, 8, 2));
        List<byte[]> valid = PaxosMessageSamples.all().stream().map(generous::encode).toList();

        CodecFuzz.run(seed, ITERATIONS, valid, bytes -> {
            Message m = tight.decode(bytes);
            assertThat(bytes.length).isLessThanOrEqualTo(256);
            return m;
        }, generous::encode);
    }
}
