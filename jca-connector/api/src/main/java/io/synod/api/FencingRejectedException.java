package io.synod.api;

/**
 * A fenced write was refused because a newer fencing token has been granted for its lock (or the token was never
 * granted). The write was not applied; retrying with the same token fails the same way.
 */
public class FencingRejectedException extends SynodException {

    private static final long serialVersionUID = 1L;

    private final String lockName;
    private final long token;
    private final long newestToken;

    public FencingRejectedException(String lockName, long token, long newestToken) {
        super("write fenced by token " + token + " of lock " + lockName + " refused: the newest token granted is "
                + newestToken);
        this.lockName = lockName;
        this.token = token;
        this.newestToken = newestToken;
    }

    public String lockName() {
        return lockName;
    }

    public long token() {
        return token;
    }

    public long newestToken() {
        return newestToken;
    }
}
