package io.synod.ejb.kv;

import io.synod.api.InvalidKeyException;

/**
 * A write to a key under a {@linkplain ReservedKeys reserved prefix}. An {@link InvalidKeyException}, so
 * applications handle it like any other key they may not use; the ops API answers it with 403. Nothing changed.
 */
public class ReservedKeyException extends InvalidKeyException {

    private static final long serialVersionUID = 1L;

    public ReservedKeyException(String message) {
        super(message);
    }
}
