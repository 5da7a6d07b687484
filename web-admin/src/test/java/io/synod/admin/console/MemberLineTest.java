package io.synod.admin.console;

import io.synod.admin.monitor.DiskUsage;
import io.synod.admin.monitor.Health;
import io.synod.admin.monitor.MemberRow;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class MemberLineTest {

    @Test
    void unknownValuesAreADashNeverAZero() {
        MemberLine line = MemberLine.of(new MemberRow("n3", false, false, Optional.of("127.0.0.1:7903"), Optional.empty(),
                Optional.of("voter"), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Health.UNREACHABLE, Optional.empty()));
        assertThat(line.role()).isEqualTo("—");
        assertThat(line.term()).isEqualTo("—");
        assertThat(line.lag()).isEqualTo("—");
        assertThat(line.lastContact()).isEqualTo("—");
        assertThat(line.dataDir()).isEqualTo("—");
        assertThat(line.health()).isEqualTo("unreachable");
        assertThat(line.healthStyle()).isEqualTo("health-unreachable");
        assertThat(line.isUnreachable()).isTrue();
    }

    @Test
    void knownValuesArePrintedReadably() {
        MemberLine line = MemberLine.of(new MemberRow("n1", false, true, Optional.of("127.0.0.1:7901"),
                Optional.of("PRE_CANDIDATE"), Optional.of("voter"), OptionalLong.of(7), OptionalLong.of(120),
                OptionalLong.of(118), OptionalLong.of(2), OptionalLong.of(320), Health.NO_LEADER,
                Optional.of(new DiskUsage(5 * 1024 * 1024 + 300, 900, 0))));
        assertThat(line.role()).isEqualTo("pre-candidate");
        assertThat(line.lag()).isEqualTo("2");
        assertThat(line.lastContact()).isEqualTo("0.3 s ago");
        assertThat(line.dataDir()).isEqualTo("5.0 MiB");
        assertThat(line.wal()).isEqualTo("900 B");
        assertThat(line.snapshots()).isEqualTo("0 B");
        assertThat(line.health()).isEqualTo("no leader");
    }
}
