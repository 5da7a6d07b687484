package io.synod.core.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void encoded_length_matches_the_jdk_for_well_formed_strings() {
        for (String s : new String[] {"", "a", "é", "€", "🔑", "a/é/€/🔑", "\u0000", "\uFFFF"}) {
            assertThat(Utf8.encodedLength(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void unpaired_surrogates_are_malformed() {
        assertThat(Utf8.encodedLength("\uD83D")).isEqualTo(Utf8.MALFORMED);
        assertThat(Utf8.encodedLength("a\uDC11b")).isEqualTo(Utf8.MALFORMED);
        assertThat(Utf8.encodedLength("\uD83Dx")).isEqualTo(Utf8.MALFORMED);
    }
}
