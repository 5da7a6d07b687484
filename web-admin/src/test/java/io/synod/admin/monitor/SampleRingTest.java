package io.synod.admin.monitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleRingTest {

    @Test
    void keepsTheNewestInOrder() {
        SampleRing<Integer> ring = new SampleRing<>(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(i);
        }
        assertThat(ring.snapshot()).containsExactly(3, 4, 5);
    }
}
