package io.synod.core.codec;

/**
 * UTF-8 facts about Java strings without encoding them. {@code String.getBytes(UTF_8)} silently turns an
 * unpaired surrogate into {@code '?'}; keys and ids must never change on the way through the log, so such
 * strings are recognised and refused up front.
 */
public final class Utf8 {

    /** Returned by {@link #encodedLength} for a string that is not well-formed UTF-16. */
    public static final int MALFORMED = -1;

    private Utf8() {
    }

    /** The number of bytes {@code s} takes in UTF-8, or {@link #MALFORMED} if it holds an unpaired surrogate. */
    public static int encodedLength(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return MALFORMED;
                }
                bytes += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return MALFORMED;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
