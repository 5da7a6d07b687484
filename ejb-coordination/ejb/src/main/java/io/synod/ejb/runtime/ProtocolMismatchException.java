package io.synod.ejb.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The data directory holds the state of another consensus protocol than the one configured. Ballots are not
 * terms and a Paxos slot log is not a Raft log (it has holes), so reading one as the other could break
 * safety silently: the member refuses to start instead, naming both protocols and the directory.
 */
public final class ProtocolMismatchException extends IOException {

    private final ConsensusProtocol configured;
    private final String found;

    ProtocolMismatchException(Path dataDir, ConsensusProtocol configured, String found) {
        super(dataDir + " holds state written by the '" + found + "' protocol, but synod.protocol is '" + configured
                + "'; start this member with synod.protocol=" + found + ", or move the directory away to join as a new member");
        this.configured = configured;
        this.found = found;
    }

    public ConsensusProtocol configured() {
        return configured;
    }

    /** What the directory records (a name this version may not know). */
    public String found() {
        return found;
    }
}
