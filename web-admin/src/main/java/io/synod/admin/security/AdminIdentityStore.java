package io.synod.admin.security;

import io.synod.ejb.node.SynodNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;
import java.util.logging.Logger;

/** Validates console logins against the node's admin credentials (configured, or generated at first start). */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(AdminIdentityStore.class.getName());

    @Inject
    SynodNode node;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (node.adminCredentials().matches(credential.getCaller(), credential.getPasswordAsString())) {
            return new CredentialValidationResult(credential.getCaller(), Set.of(ConsoleSecurity.ADMIN_ROLE));
        }
        LOG.warning(() -> "failed console login for user '" + credential.getCaller() + "'");
        return CredentialValidationResult.INVALID_RESULT;
    }
}
