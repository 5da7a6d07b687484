/**
 * The audit log of console actions, kept in the replicated store under {@value io.synod.admin.audit.AuditLog#PREFIX}
 * so every member holds it and it survives any one of them.
 */
package io.synod.admin.audit;
