package io.synod.ejb.config;

/** A configuration value the node cannot run with. The message is one line naming the key, the value and the rule. */
public class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }

    static InvalidConfigurationException of(ConfigKey key, String value, String rule) {
        return new InvalidConfigurationException("invalid configuration: " + key.key() + "=" + value + " (" + rule + ")");
    }
}
