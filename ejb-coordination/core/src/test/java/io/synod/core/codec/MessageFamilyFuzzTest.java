package io.synod.core.codec;

import io.synod.core.consensus.Message;
import io.synod.core.paxos.PaxosMessageCodec;
import io.synod.core.raft.RaftMessageCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames come from the network: random bytes and mutated valid frames of every engine's family must decode to
 * a valid message or fail with {@link CodecException}, never with anything else (see {@link CodecFuzz}). Seeds
 * are fixed so a failure replays; the failure message names seed and iteration.
 */
class MessageFamilyFuzzTest {

    private static final int ITERATIONS = 10_000;

    /** A family: its standalone codec for given limits, and samples of every message it has. */
    private record Family(String name, Function<MessageLimits, MessageCodec> codec, List<? extends Message> samples) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("raft", RaftMessageCodec::standalone, RaftMessageSamples.all()),
            new Family("multipaxos", PaxosMessageCodec::standalone, PaxosMessageSamples.all()));

    static Stream<Arguments> generous() {
        return FAMILIES.stream().flatMap(f -> Stream.of(1L, 2L, 42L, 20261125L).map(seed -> Arguments.of(f, seed)));
    }

    static Stream<Arguments> tight() {
        return FAMILIES.stream().flatMap(f -> Stream.of(7L, 8L).map(seed -> Arguments.of(f, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("generous")
    void mutatedFramesDecodeOrFailCleanly(Family family, long seed) {
        MessageCodec codec = family.codec().apply(MessageLimits.DEFAULT);
        List<byte[]> valid = family.samples().stream().map(codec::encode).toList();

        int accepted = CodecFuzz.run(seed, ITERATIONS, valid, codec::decode, codec::encode);

        // both outcomes must occur, or the fuzzer is not reaching past the first checks
        assertThat(accepted).isBetween(1, ITERATIONS - 1);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("tight")
    void tightLimitsHoldUnderMutation(Family family, long seed) {
        MessageCodec generous = family.codec().apply(MessageLimits.DEFAULT);
        MessageCodec tight = family.codec().apply(new MessageLimits(256, 2, 8, 8, 2));
        List<byte[]> valid = family.samples().stream().map(generous::encode).toList();

        CodecFuzz.run(seed, ITERATIONS, valid, bytes -> {
            Message m = tight.decode(bytes);
            assertThat(bytes.length).isLessThanOrEqualTo(256);
            return m;
        }, generous::encode);
    }
}
