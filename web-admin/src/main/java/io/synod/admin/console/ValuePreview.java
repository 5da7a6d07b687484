package io.synod.admin.console;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonGenerator;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * How the store browser shows a value: JSON pretty-printed when it parses as a JSON object or array, text when it
 * is well-formed UTF-8 without control characters (other than tab and line breaks), hex otherwise. The hex dump
 * is always available. Long values are cut, saying so, so one big key cannot make the page unusable.
 *
 * @param text     what is shown (JSON re-indented)
 * @param original the value's text as stored, what the edit form starts with (so saving an unchanged JSON value
 *                 does not re-format it); empty when the value is not text
 */
public record ValuePreview(Kind kind, String text, String hex, boolean truncated, String original)
        implements java.io.Serializable {

    /** Longest value shown in full; the ops API serves the rest. */
    static final int MAX_SHOWN_BYTES = 16 * 1024;

    public enum Kind { EMPTY, JSON, TEXT, BINARY }

    public static ValuePreview of(byte[] value) {
        boolean truncated = value.length > MAX_SHOWN_BYTES;
        byte[] shown = truncated ? java.util.Arrays.copyOf(value, MAX_SHOWN_BYTES) : value;
        String hex = hexDump(shown);
        if (value.length == 0) {
            return new ValuePreview(Kind.EMPTY, "", "", false, "");
        }
        Optional<String> text = truncated ? Optional.empty() : utf8Text(shown);
        if (text.isEmpty()) {
            return new ValuePreview(Kind.BINARY, "", hex, truncated, "");
        }
        return prettyJson(text.get()).map(json -> new ValuePreview(Kind.JSON, json, hex, false, text.get()))
                .orElseGet(() -> new ValuePreview(Kind.TEXT, text.get(), hex, false, text.get()));
    }

    /** The value as the edit form starts with: its text as stored, or empty for a value that is not text. */
    public String editable() {
        return original;
    }

    public String getKindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<String> utf8Text(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            boolean printable = s.chars().allMatch(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r');
            return printable ? Optional.of(s) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> prettyJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty(); // a bare number or string is shown as the text it is
        }
        try {
            JsonStructure parsed = Json.createReader(new StringReader(trimmed)).read();
            StringWriter out = new StringWriter();
            try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
                writer.write(parsed);
            }
            return Optional.of(out.toString().strip());
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** 16 bytes a line: offset, hex bytes. */
    private static String hexDump(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int offset = 0; offset < bytes.length; offset += 16) {
            int end = Math.min(bytes.length, offset + 16);
            out.append(String.format("%08x  ", offset)).append(hex.formatHex(bytes, offset, end)).append('\n');
        }
        return out.toString();
    }
}
