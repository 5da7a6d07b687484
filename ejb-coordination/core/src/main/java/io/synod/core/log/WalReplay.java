package io.synod.core.log;

import java.nio.file.Path;

/** Receives every valid WAL record in replay order, with where it was read (for error messages). */
@FunctionalInterface
interface WalReplay {

    void apply(WalRecord record, Path file, long offset) throws CorruptLogException;
}
