package io.synod.admin.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console and the ops API share one role. How callers authenticate is {@link SynodAuthentication}: form
 * login for the console, HTTP Basic for the API.
 */
@ApplicationScoped
@DeclareRoles({ConsoleSecurity.ADMIN_ROLE})
public class ConsoleSecurity {

    /** Everything in the console and the ops API. */
    public static final String ADMIN_ROLE = "synod-admin";
}
