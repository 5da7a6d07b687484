package io.synod.admin.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login for every console URL. Unauthenticated requests are redirected (not forwarded) to the login
 * page, so the browser's address shows where the user is.
 */
@ApplicationScoped
@DeclareRoles({ConsoleSecurity.ADMIN_ROLE})
@FormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(
                loginPage = "/login.xhtml",
                errorPage = "/login.xhtml?failed=true",
                useForwardToLogin = false))
public class ConsoleSecurity {

    /** Everything in the console and the ops API. */
    public static final String ADMIN_ROLE = "synod-admin";
}
