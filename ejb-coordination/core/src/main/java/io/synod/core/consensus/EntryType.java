package io.synod.core.consensus;

/** What a log entry carries; decides who interprets its payload. */
public enum EntryType {
    /** A state-machine command (or, with an empty payload, the no-op a new leader appends). */
    NORMAL,
    /** A serialized {@link ConfChange}; interpreted by the engine itself. */
    CONF_CHANGE
}
