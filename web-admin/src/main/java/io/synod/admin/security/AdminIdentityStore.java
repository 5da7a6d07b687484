package io.synod.admin.security;

import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;
import java.util.logging.Logger;

/**
 * Validates logins against the node's admin credentials (configured, or generated at first start: role
 * synod-admin) and the optional read-only viewer (role synod-viewer).
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(AdminIdentityStore.class.getName());

    @Inject
    SynodNode node;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (node.adminCredentials().matches(credential.getCaller(), credential.getPasswordAsString())) {
            return new CredentialValidationResult(credential.getCaller(), Set.of(ConsoleSecurity.ADMIN_ROLE));
        }
        if (node.viewerCredentials().map(v -> v.matches(credential.getCaller(), credential.getPasswordAsString()))
                .orElse(false)) {
            return new CredentialValidationResult(credential.getCaller(), Set.of(ConsoleSecurity.VIEWER_ROLE));
        }
        LOG.warning(() -> "failed console login for user '" + credential.getCaller() + "'");
        return CredentialValidationResult.INVALID_RESULT;
    }
}
