package io.synod.admin.console;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ValuePreviewTest {

    @Test
    void aJsonObjectIsPrettyPrinted() {
        ValuePreview p = ValuePreview.of("{\"a\":1,\"b\":[true,null]}".getBytes(StandardCharsets.UTF_8));
        assertThat(p.kind()).isEqualTo(ValuePreview.Kind.JSON);
        assertThat(p.text()).contains("\n").contains("\"a\": 1");
        assertThat(p.editable()).as("edited as stored, not re-indented").isEqualTo("{\"a\":1,\"b\":[true,null]}");
    }

    @Test
    void plainTextAndBrokenJsonAreText() {
        assertThat(ValuePreview.of("hello\nworld".getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(ValuePreview.Kind.TEXT);
        ValuePreview broken = ValuePreview.of("{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.kind()).isEqualTo(ValuePreview.Kind.TEXT);
        assertThat(broken.text()).isEqualTo("{not json");
        assertThat(ValuePreview.of("42".getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(ValuePreview.Kind.TEXT);
    }

    @Test
    void bytesThatAreNotTextAreHexAndNotEditableAsText() {
        ValuePreview p = ValuePreview.of(new byte[] {0, 1, (byte) 0xff, 0x41});
        assertThat(p.kind()).isEqualTo(ValuePreview.Kind.BINARY);
        assertThat(p.hex()).isEqualTo("00000000  00 01 ff 41\n");
        assertThat(p.editable()).isEmpty();
    }

    @Test
    void anEmptyValueAndAnOversizedOneSaySo() {
        assertThat(ValuePreview.of(new byte[0]).kind()).isEqualTo(ValuePreview.Kind.EMPTY);
        byte[] big = new byte[ValuePreview.MAX_SHOWN_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        ValuePreview p = ValuePreview.of(big);
        assertThat(p.truncated()).isTrue();
        assertThat(p.kind()).isEqualTo(ValuePreview.Kind.BINARY);
        assertThat(p.hex().lines()).hasSize(ValuePreview.MAX_SHOWN_BYTES / 16);
    }
}
