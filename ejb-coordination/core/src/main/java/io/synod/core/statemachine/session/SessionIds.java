package io.synod.core.statemachine.session;

import io.synod.core.codec.Utf8;

import java.util.Objects;

/**
 * The rule for every opaque identifier of the coordination services (session ids, owners, lease ids): 1..128
 * UTF-8 bytes, well-formed, no ISO control characters (they would corrupt logs and the console). Client libraries
 * use random UUIDs; the bound keeps a table of them small.
 */
public final class SessionIds {

    public static final int MAX_ID_BYTES = 128;

    private SessionIds() {
    }

    /** @return null if {@code id} is acceptable, else why not (the caller wraps it in its typed exception) */
    public static String problem(String what, String id) {
        Objects.requireNonNull(id, what);
        int bytes = Utf8.encodedLength(id);
        if (bytes == Utf8.MALFORMED) {
            return what + " is not well-formed UTF-16 (unpaired surrogate)";
        }
        if (bytes == 0 || bytes > MAX_ID_BYTES) {
            return what + " must be 1.." + MAX_ID_BYTES + " UTF-8 bytes, got " + bytes;
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return what + " must not contain control characters";
            }
        }
        return null;
    }
}
