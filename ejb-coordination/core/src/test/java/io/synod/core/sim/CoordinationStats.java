package io.synod.core.sim;

/** What the coordination clients and the oracles saw in one run (summed over seeds in the test's report). */
final class CoordinationStats {

    long operations;
    long sessionsOpened;
    long sessionsExpired;
    long keepAlivesLapsed;
    long grants;
    long fencedWritesAccepted;
    long fencedWritesRefused;
    /** Fenced writes refused although the client still believed it held the lock (it had been paused). */
    long staleHolderWritesRefused;
    long clientPauses;
    long tasksSubmitted;
    long assignments;
    long leasesLapsed;
    long completionsAccepted;
    long completionsRefused;
    /** Completions refused that the worker sent after a pause long enough for its attempt lease to lapse. */
    long staleCompletionsRefused;
    long tasksSucceeded;
    long workerPauses;

    void add(CoordinationStats o) {
        operations += o.operations;
        sessionsOpened += o.sessionsOpened;
        sessionsExpired += o.sessionsExpired;
        keepAlivesLapsed += o.keepAlivesLapsed;
        grants += o.grants;
        fencedWritesAccepted += o.fencedWritesAccepted;
        fencedWritesRefused += o.fencedWritesRefused;
        staleHolderWritesRefused += o.staleHolderWritesRefused;
        clientPauses += o.clientPauses;
        tasksSubmitted += o.tasksSubmitted;
        assignments += o.assignments;
        leasesLapsed += o.leasesLapsed;
        completionsAccepted += o.completionsAccepted;
        completionsRefused += o.completionsRefused;
        staleCompletionsRefused += o.staleCompletionsRefused;
        tasksSucceeded += o.tasksSucceeded;
        workerPauses += o.workerPauses;
    }

    @Override
    public String toString() {
        return "locks: " + operations + " operations, " + sessionsOpened + " sessions opened, " + sessionsExpired
                + " expired by the leader, " + keepAlivesLapsed + " keep-alives too late, " + clientPauses
                + " client pauses, " + grants + " grants, fenced writes " + fencedWritesAccepted + " accepted / "
                + fencedWritesRefused + " refused (" + staleHolderWritesRefused + " by a holder that had been paused)"
                + "; scheduler: " + tasksSubmitted + " tasks accepted, " + assignments + " assignments, " + leasesLapsed
                + " lapsed leases put back, " + workerPauses + " worker pauses, completions " + completionsAccepted
                + " accepted / " + completionsRefused + " refused (" + staleCompletionsRefused
                + " from a paused worker's stale attempt), " + tasksSucceeded + " tasks succeeded at the end";
    }
}
