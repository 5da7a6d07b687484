package io.synod.api;

/**
 * No Synod node answers on this instance: synod.war is not deployed, has not finished starting, or was
 * undeployed. Retrying after the node is up succeeds; nothing was changed.
 */
public class SynodUnavailableException extends SynodException {

    private static final long serialVersionUID = 1L;

    public SynodUnavailableException(String message) {
        super(message);
    }

    public SynodUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
