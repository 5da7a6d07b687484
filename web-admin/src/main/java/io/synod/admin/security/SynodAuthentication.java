package io.synod.admin.security;

import io.synod.admin.api.OpsApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The application's one authentication mechanism (Jakarta Security 3 allows one per application): API requests
 * ({@code /api/v1/...}) authenticate with HTTP Basic on every request and get a 401 with a JSON body, never a
 * redirect to an HTML login page, when they lack valid credentials; everything else is the console's
 * {@link ConsoleFormLogin}. Both check the same identity store, so the same admin user works for both.
 */
@ApplicationScoped
public class SynodAuthentication implements HttpAuthenticationMechanism {

    private static final String API_PREFIX = "/" + OpsApplication.PATH + "/";
    private static final String BASIC = "Basic ";

    @Inject
    ConsoleFormLogin console;

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        if (!isApi(request)) {
            return console.validateRequest(request, response, context);
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            CredentialValidationResult result = identityStores.validate(basicCredential(header.substring(BASIC.length())));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return unauthorized(response, "invalid credentials");
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return unauthorized(response, "authentication required: HTTP Basic with a synod-admin user");
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        return isApi(request) ? AuthenticationStatus.SUCCESS : console.secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        console.cleanSubject(request, response, context);
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(API_PREFIX);
    }

    /** A malformed header is just wrong credentials: it must not turn into a 500. */
    private static UsernamePasswordCredential basicCredential(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new UsernamePasswordCredential("", "");
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? new UsernamePasswordCredential(decoded, "")
                : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The body is written and committed here, so the container's HTML error page cannot replace it. */
    private static AuthenticationStatus unauthorized(HttpServletResponse response, String message) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"synod\"");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"status\":401,\"error\":\"" + message + "\"}");
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
