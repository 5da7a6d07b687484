package io.synod.core.sim;

/**
 * What the state machine answered to one command or read.
 *
 * @param ok    PUT: always; CAS: swapped; ACQUIRE: granted; RELEASE: released; GET: key present
 * @param value GET/READ: the value; ACQUIRE: the fencing token; INCREMENT: the new count
 */
public record SimResult(boolean ok, long value) {
}
