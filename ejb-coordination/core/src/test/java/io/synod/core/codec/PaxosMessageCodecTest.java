package io.synod.core.codec;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.SnapshotMetadata;
import io.synod.core.paxos.PaxosMessage;
import io.synod.core.paxos.PaxosMessage.Accept;
import io.synod.core.paxos.PaxosMessage.Promise;
import io.synod.core.paxos.PaxosMessage.SnapshotChunk;
import io.synod.core.paxos.PaxosMessage.TimeoutNow;
import io.synod.core.paxos.PaxosMessageCodec;
import io.synod.core.raft.RaftMessage;
import io.synod.core.raft.RaftMessageCodec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.synod.core.codec.PaxosMessageSamples.B;
import static io.synod.core.codec.PaxosMessageSamples.N1;
import static io.synod.core.codec.PaxosMessageSamples.N2;
import static io.synod.core.codec.PaxosMessageSamples.N3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaxosMessageCodecTest {

    private final MessageCodec codec = PaxosMessageCodec.standalone(MessageLimits.DEFAULT);

    @Test
    void everyMessageRoundTrips() throws CodecException {
        for (PaxosMessage m : PaxosMessageSamples.all()) {
            assertThat(codec.decode(codec.encode(m))).as("%s", m).isEqualTo(m);
        }
    }

    @Test
    void theSamplesCoverEveryRecordOfTheSealedFamily() {
        // a record added to PaxosMessage without a codec case fails here, not on a production wire
        Set<Class<?>> sampled = PaxosMessageSamples.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrder(PaxosMessage.class.getPermittedSubclasses());
    }

    @Test
    void theLayoutIsPinned() {
        // golden bytes: version 1, tag 0x020A, group 2, "n1", "n2", ballot 7. A change here is a wire-format change.
        byte[] bytes = codec.encode(new TimeoutNow(2, NodeId.of("n1"), NodeId.of("n2"), 7));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
                "01" + "020a" + "0000000000000002" + "00000002" + "6e31" + "00000002" + "6e32" + "0000000000000007");
    }

    @Test
    void bothFamiliesShareOneEnvelopeWithoutOverlap() throws CodecException {
        // a runtime could register both; tags keep them apart, and each standalone codec refuses the other family
        MessageCodec both = new MessageCodec(MessageLimits.DEFAULT, List.of(new RaftMessageCodec(), new PaxosMessageCodec()));
        RaftMessage raft = new io.synod.core.raft.RaftMessage.TimeoutNow(0, N1, N2, 7);
        PaxosMessage paxos = new TimeoutNow(0, N1, N2, 7);
        assertThat(both.decode(both.encode(raft))).isEqualTo(raft);
        assertThat(both.decode(both.encode(paxos))).isEqualTo(paxos);
        MessageCodec raftOnly = RaftMessageCodec.standalone(MessageLimits.DEFAULT);
        assertThatThrownBy(() -> raftOnly.decode(codec.encode(paxos))).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown message tag");
        assertThatThrownBy(() -> codec.decode(raftOnly.encode(raft))).isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown message tag");
        assertThatThrownBy(() -> codec.encode(raft)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyUnassignedTagOfTheRangeIsRefused() {
        Set<Integer> assigned = PaxosMessageSamples.all().stream().map(m -> tagOf(codec.encode(m)))
                .collect(Collectors.toSet());
        byte[] valid = codec.encode(new TimeoutNow(0, N1, N2, B));
        for (int tag = PaxosMessageCodec.FIRST_TAG; tag <= PaxosMessageCodec.LAST_TAG; tag++) {
            if (assigned.contains(tag)) {
                continue;
            }
            byte[] forged = valid.clone();
            forged[1] = (byte) (tag >>> 8);
            forged[2] = (byte) tag;
            assertThatThrownBy(() -> codec.decode(forged)).as("tag 0x%04x", tag).isInstanceOf(CodecException.class)
                    .hasMessageContaining("tag");
        }
    }

    @Test
    void everyTruncationIsRefused() {
        for (PaxosMessage m : PaxosMessageSamples.all()) {
            byte[] valid = codec.encode(m);
            for (int length = 0; length < valid.length; length++) {
                byte[] prefix = Arrays.copyOf(valid, length);
                assertThatThrownBy(() -> codec.decode(prefix)).as("%s cut to %d bytes", m, length)
                        .isInstanceOf(CodecException.class);
            }
        }
    }

    @Test
    void everySingleByteCorruptionDecodesCanonicallyOrFailsTyped() {
        // exhaustive, not sampled: every position of every sample, every value a byte can take
        int refused = 0;
        for (PaxosMessage m : PaxosMessageSamples.all()) {
            byte[] valid = codec.encode(m);
            for (int at = 0; at < valid.length; at++) {
                for (int value = 0; value < 256; value++) {
                    if ((byte) value == valid[at]) {
                        continue;
                    }
                    byte[] corrupt = valid.clone();
                    corrupt[at] = (byte) value;
                    Message decoded;
                    try {
                        decoded = codec.decode(corrupt);
                    } catch (CodecException expected) {
                        refused++;
                        continue;
                    } catch (RuntimeException e) {
                        throw new AssertionError(m + " with byte " + at + " = " + value + " threw " + e, e);
                    }
                    // accepted (e.g. another slot number): then it is exactly what the bytes say
                    assertThat(codec.encode(decoded)).as("%s byte %d = %d", m, at, value).isEqualTo(corrupt);
                }
            }
        }
        assertThat(refused).isPositive();
    }

    @Test
    void refusesOversizedFramesAndLengths() {
        MessageCodec small = PaxosMessageCodec.standalone(new MessageLimits(64, 10, 100, 100, 10));
        assertThatThrownBy(() -> small.decode(new byte[65])).isInstanceOf(CodecException.class)
                .hasMessageContaining("exceed");
        Accept big = new Accept(0, N1, N2, B, List.of(LogEntry.normal(1, B, new byte[80])), 0);
        assertThatThrownBy(() -> small.encode(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the limit");

        // a forged count or byte length far beyond what the frame holds is refused before allocating
        byte[] accept = codec.encode(new Accept(0, N1, N2, B, List.of(LogEntry.normal(1, B, new byte[3])), 0));
        int countAt = indexOf(accept, intBytes(1));
        byte[] hugeCount = accept.clone();
        System.arraycopy(intBytes(Integer.MAX_VALUE), 0, hugeCount, countAt, 4);
        assertThatThrownBy(() -> codec.decode(hugeCount)).isInstanceOf(CodecException.class)
                .hasMessageContaining("entries");
        byte[] hugeData = accept.clone();
        System.arraycopy(intBytes(Integer.MAX_VALUE), 0, hugeData, accept.length - 4 - 3, 4);
        assertThatThrownBy(() -> codec.decode(hugeData)).isInstanceOf(CodecException.class)
                .hasMessageContaining("entry.data");
    }

    @Test
    void theSenderRefusesWhatTheReceiverWouldRefuse() {
        MessageCodec strict = PaxosMessageCodec.standalone(new MessageLimits(1 << 20, 2, 16, 16, 2));
        List<LogEntry> three = List.of(LogEntry.normal(1, B, null), LogEntry.normal(2, B, null), LogEntry.normal(3, B, null));
        assertThatThrownBy(() -> strict.encode(new Accept(0, N1, N2, B, three, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 slots");
        assertThatThrownBy(() -> strict.encode(new Promise(0, N2, N1, B, 1, 0, 0, three)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 slots");
        assertThatThrownBy(() -> strict.encode(new Accept(0, N1, N2, B, List.of(LogEntry.normal(1, B, new byte[17])), 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("17 bytes");
        assertThatThrownBy(() -> strict.encode(new SnapshotChunk(0, N1, N2, B, new SnapshotMetadata(1, B,
                ConfState.ofVoters(Set.of(N1, N2, N3))), 0, 0, new byte[0], true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("membership");
    }

    @Test
    void refusesSlotsNoCorrectPeerSends() {
        // an Accept batch with a gap
        byte[] gap = codec.encode(new Accept(0, N1, N2, B, List.of(LogEntry.normal(6, B, null), LogEntry.normal(7, B, null)), 5));
        gap[indexOf(gap, longBytes(7)) + 7] = 8;
        assertThatThrownBy(() -> codec.decode(gap)).isInstanceOf(CodecException.class).hasMessageContaining("entry.index");
        // slot 0 does not exist
        byte[] zero = codec.encode(new Accept(0, N1, N2, B, List.of(LogEntry.normal(1, B, null)), 0));
        zero[lastIndexOf(zero, longBytes(1)) + 7] = 0;
        assertThatThrownBy(() -> codec.decode(zero)).isInstanceOf(CodecException.class).hasMessageContaining("entry.index");
        // a Promise reporting a slot below fromSlot, or slots out of order
        byte[] below = codec.encode(new Promise(0, N2, N1, B, 10, 0, 0, List.of(LogEntry.normal(10, B, null))));
        below[lastIndexOf(below, longBytes(10)) + 7] = 9;
        assertThatThrownBy(() -> codec.decode(below)).isInstanceOf(CodecException.class).hasMessageContaining("ascend");
        // a Promise reporting a hole as accepted
        byte[] hole = codec.encode(new Promise(0, N2, N1, B, 10, 0, 0, List.of(LogEntry.normal(10, 3, null))));
        hole[lastIndexOf(hole, longBytes(3)) + 7] = 0;
        assertThatThrownBy(() -> codec.decode(hole)).isInstanceOf(CodecException.class).hasMessageContaining("ballot");
    }

    @Test
    void refusesNegativeBallotsAndOverrunningChunks() {
        byte[] negative = codec.encode(new TimeoutNow(0, N1, N2, 7));
        negative[negative.length - 8] = (byte) 0x80;
        assertThatThrownBy(() -> codec.decode(negative)).isInstanceOf(CodecException.class).hasMessageContaining("ballot");

        byte[] wrapping = codec.encode(new SnapshotChunk(0, N1, N2, B, SnapshotMetadata.EMPTY, 10, Long.MAX_VALUE,
                new byte[1], false));
        assertThatThrownBy(() -> codec.decode(wrapping)).isInstanceOf(CodecException.class).hasMessageContaining("totalBytes");
    }

    private static int tagOf(byte[] frame) {
        return ((frame[1] & 0xff) << 8) | (frame[2] & 0xff);
    }

    private static byte[] longBytes(long v) {
        return new WireWriter().writeLong(v).toByteArray();
    }

    private static byte[] intBytes(int v) {
        return new WireWriter().writeInt(v).toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return occurrences(haystack, needle).findFirst().orElseThrow();
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        return occurrences(haystack, needle).max().orElseThrow();
    }

    private static IntStream occurrences(byte[] haystack, byte[] needle) {
        return IntStream.rangeClosed(0, haystack.length - needle.length)
                .filter(i -> Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length));
    }
}
