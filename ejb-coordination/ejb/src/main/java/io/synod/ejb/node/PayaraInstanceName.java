package io.synod.ejb.node;

import fish.payara.micro.PayaraMicroRuntime;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Payara Micro instance name ({@code --name}), Synod's default node id. Payara Server has no
 * PayaraMicroRuntime; there the name is simply unavailable and {@code synod.node-id} must be set.
 */
final class PayaraInstanceName {

    private static final Logger LOG = Logger.getLogger(PayaraInstanceName.class.getName());

    private PayaraInstanceName() {
    }

    static Optional<String> find() {
        try {
            return Optional.ofNullable(CDI.current().select(PayaraMicroRuntime.class).get().getInstanceName());
        } catch (NoClassDefFoundError | RuntimeException e) {
            LOG.fine(() -> "no Payara Micro runtime to take the instance name from: " + e);
            return Optional.empty();
        }
    }
}
