package io.synod.ejb.lock;

import io.synod.api.InvalidLockNameException;
import io.synod.api.InvalidWaitException;

import java.time.Duration;

/** The core's name and wait rules, raised as the API's typed exceptions before anything is proposed. */
public final class LockNames {

    private LockNames() {
    }

    /** @throws InvalidLockNameException if {@code name} is null or breaks the core's rule */
    public static String check(String name) {
        if (name == null) {
            throw new InvalidLockNameException("lock name must not be null");
        }
        try {
            io.synod.core.statemachine.lock.LockNames.check(name);
        } catch (io.synod.core.statemachine.lock.InvalidLockNameException e) {
            throw new InvalidLockNameException(e.getMessage());
        }
        return name;
    }

    /** @throws InvalidWaitException if {@code wait} is null or negative */
    static long waitMillis(Duration wait) {
        if (wait == null || wait.isNegative()) {
            throw new InvalidWaitException("wait must be a duration >= 0, got " + wait);
        }
        try {
            return wait.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE - 1; // longer than anyone waits: the same as "forever" but still a deadline
        }
    }
}
