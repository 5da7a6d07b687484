package io.synod.ejb.runtime;

/** The runtime was closed (or halted after a storage failure) before the request could be taken; nothing was proposed. */
public final class NodeStoppedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NodeStoppedException(String message) {
        super(message);
    }
}
