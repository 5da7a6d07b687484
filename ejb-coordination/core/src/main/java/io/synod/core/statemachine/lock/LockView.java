package io.synod.core.statemachine.lock;

import java.util.List;
import java.util.Optional;

/** The read side of the lock table, for the shell, the console and resources that fence writes. */
public interface LockView {

    Optional<LockInfo> lock(String lockName);

    /** Every lock remembered, in name order. */
    List<LockInfo> locks();

    /** Locks whose holder is a lease of {@code sessionId}, in name order. */
    List<LockInfo> heldBy(String sessionId);

    /** A local fence check; {@link LockCommand.CheckFence} is the linearizable one. */
    FenceCheck checkFence(String lockName, long token);

    int size();
}
