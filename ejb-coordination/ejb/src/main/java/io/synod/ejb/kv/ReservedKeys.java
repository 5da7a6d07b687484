package io.synod.ejb.kv;

import java.util.List;

/**
 * Key prefixes the node keeps for itself. Applications (through {@code KeyValueStore}) and operators (through the
 * ops API and the console's store browser) all write through {@link RuntimeKeyValueStore}, which refuses these;
 * the node's own writers (the console's audit log) propose straight to the runtime. So an audit record cannot be
 * forged, altered or erased with the store's ordinary means — reading stays open to everyone.
 */
public final class ReservedKeys {

    /** The console's audit log: who did what, when, with what result. */
    public static final String AUDIT_PREFIX = "/synod/audit/";

    private static final List<String> RESERVED = List.of(AUDIT_PREFIX);

    private ReservedKeys() {
    }

    /** @throws ReservedKeyException if {@code key} lies under a reserved prefix */
    static void checkWritable(String key) {
        for (String prefix : RESERVED) {
            if (key.startsWith(prefix)) {
                throw new ReservedKeyException("keys under " + prefix + " are reserved for the node's own records"
                        + " and cannot be written through the store; nothing was changed");
            }
        }
    }
}
