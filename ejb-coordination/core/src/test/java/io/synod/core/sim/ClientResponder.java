package io.synod.core.sim;

/** Where a node sends the answer to a client's command or read (the client connection). */
@FunctionalInterface
public interface ClientResponder {

    void respond(int client, long seq, SimResult result);
}
