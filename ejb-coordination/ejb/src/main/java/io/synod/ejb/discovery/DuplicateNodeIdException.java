package io.synod.ejb.discovery;

/** Another live instance already announced this node id: two members with one identity would corrupt consensus. */
public class DuplicateNodeIdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DuplicateNodeIdException(String nodeId) {
        super("node id '" + nodeId + "' is already used by another live instance; give each instance its own synod.node-id");
    }
}
