package io.synod.core.statemachine.lock;

import java.util.Objects;

/**
 * The lock-name rule: 1..256 characters, each an ASCII letter or digit or one of {@code . _ - / : @}. Names end up
 * in URLs of the ops API, metrics labels, log lines and database rows of fencing helpers; a charset that needs no
 * escaping anywhere is worth more than arbitrary names. {@code /} allows hierarchies like {@code orders/42}.
 */
public final class LockNames {

    public static final int MAX_LENGTH = 256;
    public static final String CHARSET = "A-Z a-z 0-9 . _ - / : @";

    private LockNames() {
    }

    /** @throws InvalidLockNameException if {@code name} breaks the rule */
    public static void check(String name) {
        Objects.requireNonNull(name, "lock name");
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new InvalidLockNameException("lock name must be 1.." + MAX_LENGTH + " characters, got "
                    + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            if (!allowed(name.charAt(i))) {
                throw new InvalidLockNameException("lock name may only hold " + CHARSET + "; found U+"
                        + String.format("%04X", (int) name.charAt(i)) + " at " + i);
            }
        }
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '/' || c == ':' || c == '@';
    }
}
