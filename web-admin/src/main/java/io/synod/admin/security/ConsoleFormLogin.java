package io.synod.admin.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Form login for the console, as {@code @FormAuthenticationMechanismDefinition} gives it: the container's
 * {@code @LoginToContinue} interceptor redirects (not forwards) unauthenticated requests to the login page, so the
 * browser's address shows where the user is, and returns the user to the page first asked for; the session keeps
 * the login. {@code @Typed} hides it from the container as a mechanism of its own: {@link SynodAuthentication}
 * is the only one, and hands console requests here.
 */
@ApplicationScoped
@Typed(ConsoleFormLogin.class)
@AutoApplySession
@LoginToContinue(loginPage = "/login.xhtml", errorPage = "/login.xhtml?failed=true", useForwardToLogin = false)
public class ConsoleFormLogin implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String user = request.getParameter("j_username");
        String password = request.getParameter("j_password");
        if ("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/j_security_check")
                && user != null && password != null) {
            return context.notifyContainerAboutLogin(
                    identityStores.validate(new UsernamePasswordCredential(user, password)));
        }
        return context.doNothing();
    }
}
