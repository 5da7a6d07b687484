package io.synod.core.sim;

/**
 * How unreliable the links are, in percent and time units. Reordering is not a separate switch: two
 * messages on one link overtake each other whenever their random delays say so.
 *
 * @param dropPercent      chance a message is lost
 * @param duplicatePercent chance a message is delivered twice (the copy with its own delay)
 * @param minDelay         smallest delay in units
 * @param maxDelay         largest ordinary delay in units
 * @param spikePercent     chance of a long delay (a congested link)
 * @param spikeDelay       largest delay of a spike
 */
public record NetworkFaults(int dropPercent, int duplicatePercent, int minDelay, int maxDelay,
                            int spikePercent, int spikeDelay) {

    public static final NetworkFaults RELIABLE = new NetworkFaults(0, 0, 1, 4, 0, 4);

    public NetworkFaults {
        if (minDelay < 1 || maxDelay < minDelay || spikeDelay < maxDelay) {
            throw new IllegalArgumentException("need 1 <= minDelay <= maxDelay <= spikeDelay");
        }
    }
}
