package io.synod.core.statemachine.kv;

import io.synod.core.codec.Utf8;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks key-value requests against {@link KvLimits}. The shell calls it before proposing, so a bad request gets
 * a typed exception and never reaches the log; {@link KvStore} calls it again on apply, because the log may hold
 * commands from a member with other settings or a newer build.
 */
public final class KvValidator {

    private final KvLimits limits;

    public KvValidator(KvLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public KvLimits limits() {
        return limits;
    }

    /** @throws KvValidationException (a subtype naming the violation) if {@code command} breaks a limit */
    public void validate(KvCommand command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof KvCommand.Put c) {
            checkWrite(c.key(), c.value(), c.ttl());
        } else if (command instanceof KvCommand.PutIfAbsent c) {
            checkWrite(c.key(), c.value(), c.ttl());
        } else if (command instanceof KvCommand.CompareAndSet c) {
            checkWrite(c.key(), c.value(), c.ttl());
            if (c.expectedModRevision() < 0) {
                throw new InvalidRevisionException("expected mod revision must be >= 0 (0 = absent), got "
                        + c.expectedModRevision());
            }
        } else if (command instanceof KvCommand.CompareValueAndSet c) {
            checkWrite(c.key(), c.value(), c.ttl());
            checkValue(c.expectedValue());
        } else if (command instanceof KvCommand.Delete c) {
            checkKey(c.key());
        } else if (command instanceof KvCommand.CompareAndDelete c) {
            checkKey(c.key());
            if (c.expectedModRevision() < 1) {
                throw new InvalidRevisionException("expected mod revision must be >= 1, got "
                        + c.expectedModRevision());
            }
        } else if (command instanceof KvCommand.DeletePrefix c) {
            checkKey(c.prefix());
        } else if (command instanceof KvCommand.Get c) {
            checkKey(c.key());
        } else if (command instanceof KvCommand.Scan c) {
            checkScan(c.prefix(), c.startAfter(), c.limit());
        } else if (command instanceof KvCommand.Compact c) {
            if (c.revision() < 1) {
                throw new InvalidRevisionException("compact revision must be >= 1, got " + c.revision());
            }
        }
        // Expire carries nothing to check.
    }

    /** A key: 1..maxKeyBytes of well-formed UTF-8. */
    public void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        int bytes = Utf8.encodedLength(key);
        if (bytes == Utf8.MALFORMED) {
            throw new InvalidKeyException("key is not well-formed UTF-16/UTF-8 (unpaired surrogate)");
        }
        if (bytes == 0) {
            throw new InvalidKeyException("key must not be empty");
        }
        if (bytes > limits.maxKeyBytes()) {
            throw new InvalidKeyException("key is " + bytes + " UTF-8 bytes, the limit is " + limits.maxKeyBytes());
        }
    }

    public void checkValue(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length > limits.maxValueBytes()) {
            throw new ValueTooLargeException("value is " + value.length + " bytes, the limit is "
                    + limits.maxValueBytes());
        }
    }

    public void checkTtl(Optional<Ttl> ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isPresent() && ttl.get().millis() > limits.maxTtl().toMillis()) {
            throw new InvalidTtlException("ttl " + ttl.get().toDuration() + " exceeds the limit " + limits.maxTtl());
        }
    }

    /** A prefix may be empty (scan everything); the start key, when given, is a key. */
    public void checkScan(String prefix, Optional<String> startAfter, int limit) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(startAfter, "startAfter");
        int bytes = Utf8.encodedLength(prefix);
        if (bytes == Utf8.MALFORMED || bytes > limits.maxKeyBytes()) {
            throw new InvalidScanException("prefix must be well-formed and at most " + limits.maxKeyBytes()
                    + " UTF-8 bytes");
        }
        if (limit < 1 || limit > limits.maxScanLimit()) {
            throw new InvalidScanException("limit must be in 1.." + limits.maxScanLimit() + ", got " + limit);
        }
        if (startAfter.isPresent()) {
            try {
                checkKey(startAfter.get());
            } catch (InvalidKeyException e) {
                throw new InvalidScanException("startAfter: " + e.getMessage());
            }
        }
    }

    private void checkWrite(String key, byte[] value, Optional<Ttl> ttl) {
        checkKey(key);
        checkValue(value);
        checkTtl(ttl);
    }
}
