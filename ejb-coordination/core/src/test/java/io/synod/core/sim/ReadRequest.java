package io.synod.core.sim;

/** A linearizable read waiting at a node: for its ReadState, then for the state machine to catch up. */
record ReadRequest(int client, long seq, boolean counter, String key) {
}
