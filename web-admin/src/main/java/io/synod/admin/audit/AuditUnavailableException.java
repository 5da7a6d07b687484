package io.synod.admin.audit;

/** The audit log could not be written or read now; an action that needs its record is not taken. */
public class AuditUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message) {
        super(message);
    }
}
