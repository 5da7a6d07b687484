package io.synod.admin.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console and the ops API share two roles: {@value #ADMIN_ROLE} may do everything, {@value #VIEWER_ROLE} may
 * only look ({@link ReadOnlyGuard} refuses its actions). How callers authenticate is {@link SynodAuthentication}: form
 * login for the console, HTTP Basic for the API.
 */
@ApplicationScoped
@DeclareRoles({ConsoleSecurity.ADMIN_ROLE, ConsoleSecurity.VIEWER_ROLE})
public class ConsoleSecurity {

    /** Everything in the console and the ops API. */
    public static final String ADMIN_ROLE = "synod-admin";

    /** Read-only: every page and every GET of the ops API, no action. */
    public static final String VIEWER_ROLE = "synod-viewer";
}
