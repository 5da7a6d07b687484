package io.synod.core.codec;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.SnapshotMetadata;
import io.synod.core.raft.RaftMessage;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.InstallSnapshot;
import io.synod.core.raft.RaftMessage.TimeoutNow;
import io.synod.core.raft.RaftMessageCodec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.synod.core.codec.RaftMessageSamples.N1;
import static io.synod.core.codec.RaftMessageSamples.N2;
import static io.synod.core.codec.RaftMessageSamples.N3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaftMessageCodecTest {

    private final MessageCodec codec = RaftMessageCodec.standalone(MessageLimits.DEFAULT);

    @Test
    void everyMessageRoundTrips() throws CodecException {
        for (RaftMessage m : RaftMessageSamples.all()) {
            assertThat(codec.decode(codec.encode(m))).as("%s", m).isEqualTo(m);
        }
    }

    @Test
    void theSamplesCoverEveryRecordOfTheSealedFamily() {
        // a record added to RaftMessage without a codec case fails here, not on a production wire
        Set<Class<?>> sampled = RaftMessageSamples.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrder(RaftMessage.class.getPermittedSubclasses());
    }

    @Test
    void theLayoutIsPinned() {
        // golden bytes: version 1, tag 0x0109, group 2, "n1", "n2", term 7. A change here is a wire-format change.
        byte[] bytes = codec.encode(new TimeoutNow(2, NodeId.of("n1"), NodeId.of("n2"), 7));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
                "01" + "0109" + "0000000000000002" + "00000002" + "6e31" + "00000002" + "6e32" + "0000000000000007");
    }

    @Test
    void refusesAnUnknownVersionTagOrTrailingBytes() {
        byte[] valid = codec.encode(new TimeoutNow(0, N1, N2, 7));
        byte[] version = valid.clone();
        version[0] = 2;
        byte[] tag = valid.clone();
        tag[2] = (byte) 0xFF;
        byte[] foreignTag = valid.clone();
        foreignTag[1] = 0x07;
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
        assertThatThrownBy(() -> codec.decode(version)).isInstanceOf(CodecException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> codec.decode(tag)).isInstanceOf(CodecException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> codec.decode(foreignTag)).isInstanceOf(CodecException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> codec.decode(trailing)).isInstanceOf(CodecException.class).hasMessageContaining("trailing");
    }

    @Test
    void refusesAFrameOverTheSizeLimitBeforeParsingIt() {
        MessageCodec small = RaftMessageCodec.standalone(new MessageLimits(64, 10, 100, 100, 10));
        assertThatThrownBy(() -> small.decode(new byte[65])).isInstanceOf(CodecException.class)
                .hasMessageContaining("exceed");
        AppendEntries big = append(0, List.of(LogEntry.normal(1, 1, new byte[80])));
        assertThatThrownBy(() -> small.encode(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void refusesTooManyEntriesOrTooLargeOnes() {
        MessageLimits limits = new MessageLimits(1 << 20, 2, 16, 16, 2);
        MessageCodec strict = RaftMessageCodec.standalone(limits);
        byte[] threeEntries = codec.encode(append(0, List.of(LogEntry.normal(1, 1, null), LogEntry.normal(2, 1, null),
                LogEntry.normal(3, 1, null))));
        byte[] bigEntry = codec.encode(append(0, List.of(LogEntry.normal(1, 1, new byte[17]))));
        byte[] bigChunk = codec.encode(new InstallSnapshot(0, N1, N2, 1, SnapshotMetadata.EMPTY, 17, 0, new byte[17], true));
        byte[] manyVoters = codec.encode(new InstallSnapshot(0, N1, N2, 1,
                new SnapshotMetadata(1, 1, ConfState.ofVoters(Set.of(N1, N2, N3))), 0, 0, new byte[0], true));
        assertThatThrownBy(() -> strict.decode(threeEntries)).isInstanceOf(CodecException.class).hasMessageContaining("entries");
        assertThatThrownBy(() -> strict.decode(bigEntry)).isInstanceOf(CodecException.class).hasMessageContaining("entry.data");
        assertThatThrownBy(() -> strict.decode(bigChunk)).isInstanceOf(CodecException.class).hasMessageContaining("chunk");
        assertThatThrownBy(() -> strict.decode(manyVoters)).isInstanceOf(CodecException.class).hasMessageContaining("voters");
    }

    @Test
    void theSenderRefusesWhatTheReceiverWouldRefuse() {
        // otherwise an over-limit append would close the connection at the peer on every retransmission
        MessageCodec strict = RaftMessageCodec.standalone(new MessageLimits(1 << 20, 2, 16, 16, 2));
        assertThatThrownBy(() -> strict.encode(append(0, List.of(LogEntry.normal(1, 1, null),
                LogEntry.normal(2, 1, null), LogEntry.normal(3, 1, null)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 entries");
        assertThatThrownBy(() -> strict.encode(append(0, List.of(LogEntry.normal(1, 1, new byte[17])))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("17 bytes");
        assertThatThrownBy(() -> strict.encode(new InstallSnapshot(0, N1, N2, 1, SnapshotMetadata.EMPTY, 17, 0,
                new byte[17], true))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk");
        assertThat(strict.encode(append(0, List.of(LogEntry.normal(1, 1, new byte[16]))))).isNotEmpty();
    }

    @Test
    void refusesEntriesThatDoNotFollowPrevIndex() {
        byte[] gap = codec.encode(append(5, List.of(LogEntry.normal(6, 1, null), LogEntry.normal(7, 1, null))));
        // entry 7 becomes entry 8: a hole no leader sends
        int secondIndexAt = indexOf(gap, longBytes(7));
        gap[secondIndexAt + 7] = 8;
        assertThatThrownBy(() -> codec.decode(gap)).isInstanceOf(CodecException.class).hasMessageContaining("entry.index");
    }

    @Test
    void refusesNegativeTermsAndIndexes() {
        byte[] bytes = codec.encode(new TimeoutNow(0, N1, N2, 7));
        bytes[bytes.length - 8] = (byte) 0x80;
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(CodecException.class).hasMessageContaining("term");
    }

    @Test
    void refusesMalformedNodeIdsAndMembership() {
        byte[] badId = codec.encode(new TimeoutNow(0, N1, N2, 7));
        badId[15] = '/'; // "n1" -> "/1": not a node id
        assertThatThrownBy(() -> codec.decode(badId)).isInstanceOf(CodecException.class).hasMessageContaining("from");

        InstallSnapshot snap = new InstallSnapshot(0, N1, N2, 1,
                new SnapshotMetadata(1, 1, new ConfState(Set.of(N1), Set.of(N3))), 0, 0, new byte[0], true);
        byte[] learnerIsVoter = codec.encode(snap);
        learnerIsVoter[indexOf(learnerIsVoter, "n3".getBytes()) + 1] = '1'; // learner n3 -> n1, also a voter
        assertThatThrownBy(() -> codec.decode(learnerIsVoter)).isInstanceOf(CodecException.class)
                .hasMessageContaining("both voter and learner");
    }

    @Test
    void refusesChunksThatOverrunTheSnapshot() {
        byte[] bytes = codec.encode(new InstallSnapshot(0, N1, N2, 1, SnapshotMetadata.EMPTY, 4, 0, new byte[4], true));
        int total = indexOf(bytes, longBytes(4));
        bytes[total + 7] = 3; // totalBytes 4 -> 3 while the chunk holds 4
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(CodecException.class).hasMessageContaining("totalBytes");

        byte[] wrapping = codec.encode(new InstallSnapshot(0, N1, N2, 1, SnapshotMetadata.EMPTY, 10, Long.MAX_VALUE,
                new byte[1], false));
        assertThatThrownBy(() -> codec.decode(wrapping)).isInstanceOf(CodecException.class).hasMessageContaining("totalBytes");
    }

    private static AppendEntries append(long prevIndex, List<LogEntry> entries) {
        return new AppendEntries(0, N1, N2, 1, prevIndex, prevIndex == 0 ? 0 : 1, entries, 0);
    }

    private static byte[] longBytes(long v) {
        return new WireWriter().writeLong(v).toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return IntStream.rangeClosed(0, haystack.length - needle.length)
                .filter(i -> Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length))
                .findFirst().orElseThrow();
    }
}
